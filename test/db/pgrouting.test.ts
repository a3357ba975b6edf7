import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { loadRoadEdges } from '../../api/src/repositories/road-edges.js';
import { chMatrix, nodeSeed, seededRandom } from '../../api/src/domain/routing/index.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

// Independent cross-check: our contraction hierarchy against pgRouting's Dijkstra in the real PostGIS.
// pgRouting exists only on PostgreSQL (CI installs postgresql-15-pgrouting); PGlite has no pgRouting.
const skip = !process.env.TEST_DATABASE_URL;
(skip ? describe.skip : describe)(`road_edges in PostGIS vs pgRouting${skip ? ' — SKIPPED: TEST_DATABASE_URL not set (CI sets it)' : ''}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE`.execute(t.database.db);
  });
  afterAll(async () => t?.close());

  for (const name of ['monaco', 'andorra'] as const) {
    it(`${name}: pgr_dijkstraCostMatrix equals the CH matrix within 1e-6 s`, async () => {
      const { graph, ch } = fixtureNetwork(name);
      const loaded = await loadRoadEdges(t.database.db, name, graph);
      expect(loaded).toBe(graph.pieceCount);
      const rand = seededRandom(7);
      const nodes = [...new Set(Array.from({ length: 25 }, () => Math.floor(rand() * graph.nodeCount)))];
      const res = await sql<{ startVid: number; endVid: number; aggCost: number }>`
        SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCostMatrix(
          ${`SELECT id, source, target, cost_sec AS cost, reverse_cost_sec AS reverse_cost FROM road_edges WHERE network = '${name}'`},
          ${nodes}::bigint[], directed => true)`.execute(t.database.db);
      const ours = chMatrix(ch, nodes.map(nodeSeed), nodes.map(nodeSeed));
      const pg = new Map(res.rows.map((r) => [`${r.startVid}>${r.endVid}`, Number(r.aggCost)]));
      let compared = 0;
      nodes.forEach((s, i) =>
        nodes.forEach((d, j) => {
          if (i === j) return;
          const mine = ours.durationMs[i * nodes.length + j] / 1000;
          const theirs = pg.get(`${s}>${d}`);
          expect(theirs, `${s}→${d}`).toBeDefined(); // strongly connected graph: every pair is reachable
          expect(Math.abs(mine - theirs!)).toBeLessThan(1e-6);
          compared++;
        }),
      );
      expect(compared).toBe(nodes.length * (nodes.length - 1));
    });
  }
});
