import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ROAD_CLASSES, type RoadGraph } from '../domain/routing/index.js';

const BATCH = 2000;

/**
 * Replaces the `road_edges` of one network by the graph's pieces: source/target = graph node ids,
 * cost_sec / reverse_cost_sec = durations along / against the piece (−1 where not allowed, pgRouting's convention).
 */
export async function loadRoadEdges(db: Kysely<DB>, network: string, graph: RoadGraph, onProgress: (done: number) => void = () => {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`DELETE FROM road_edges WHERE network = ${network}`.execute(trx);
    for (let start = 0; start < graph.pieceCount; start += BATCH) {
      const rows = [];
      for (let p = start; p < Math.min(graph.pieceCount, start + BATCH); p++) {
        const fwd = graph.pieceForwardEdge[p];
        const bwd = graph.pieceBackwardEdge[p];
        const coords: [number, number][] = [];
        for (let c = graph.pieceFirstCoord[p]; c < graph.pieceFirstCoord[p + 1]; c++) coords.push([graph.geometryCoords[2 * c], graph.geometryCoords[2 * c + 1]]);
        rows.push({
          id: p,
          source: graph.pieceFromNode[p],
          target: graph.pieceToNode[p],
          cost: fwd >= 0 ? graph.edgeDurationMs[fwd] / 1000 : -1,
          reverse: bwd >= 0 ? graph.edgeDurationMs[bwd] / 1000 : -1,
          distance: graph.edgeDistanceM[fwd >= 0 ? fwd : bwd],
          cls: ROAD_CLASSES[graph.pieceRoadClass[p]],
          geom: JSON.stringify({ type: 'LineString', coordinates: coords }),
        });
      }
      await sql`
        INSERT INTO road_edges (network, id, source, target, cost_sec, reverse_cost_sec, distance_m, road_class, geom)
        SELECT ${network}, r.id, r.source, r.target, r.cost, r.reverse, r.distance, r.cls, ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id int, source int, target int, cost float8, reverse float8, distance float8, cls text, geom text)`.execute(trx);
      onProgress(Math.min(graph.pieceCount, start + BATCH));
    }
    return graph.pieceCount;
  });
}
