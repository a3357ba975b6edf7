import { createOSMStream } from 'osm-pbf-parser-node';
import { polylineLengthM } from '../geo.js';
import { KeyTable } from '../key-table.js';
import { carSpeedKmh, carWayProfile, type CarProfileOptions, type WayProfile } from './osm-profile.js';
import type { RoadWay } from './road-way.js';

/**
 * OpenStreetMap .osm.pbf → RoadWay[] for cars, streaming in two passes (ways first to learn which
 * nodes are needed, then only those nodes' coordinates), so memory follows the road network, not
 * the whole extract. I/O lives here only; the decisions are in osm-profile.ts (pure).
 *
 * Urban/rural context for ways without maxspeed: tags first (maxspeed:type, source:maxspeed,
 * zone:maxspeed); residential and living streets are urban; otherwise a way is urban when it has
 * at least URBAN_JUNCTIONS_PER_KM vertices shared with other car ways per km (length floored at
 * 0.5 km) — town streets meet a side street every ~100 m, open roads every 500 m or more.
 */
export const URBAN_JUNCTIONS_PER_KM = 6;

export interface OsmImportReport {
  wayCount: number;
  carWayCount: number;
  urbanWayCount: number;
  ferryWayCount: number;
  /** Car ways with a node missing from the extract (clipped at its edge): cut at the gap. */
  incompleteWayCount: number;
  nodeCount: number;
  osmTimestamp: string | null;
}

interface PendingWay {
  id: number;
  refs: number[];
  profile: WayProfile;
  name?: string;
}

export async function readOsmPbf(path: string, options: CarProfileOptions = {}): Promise<{ ways: RoadWay[]; report: OsmImportReport }> {
  const pending: PendingWay[] = [];
  const needed = new KeyTable(1 << 16);
  let wayCount = 0;
  let osmTimestamp: string | null = null;
  for await (const item of createOSMStream(path, { withTags: { node: false, way: true, relation: false }, withInfo: false })) {
    const entity = item as { type?: string; id: number; refs?: number[]; tags?: Record<string, string>; osmosis_replication_timestamp?: number };
    if (entity.type === undefined && entity.osmosis_replication_timestamp) {
      osmTimestamp = new Date(entity.osmosis_replication_timestamp * 1000).toISOString();
    }
    if (entity.type !== 'way' || !entity.tags || !entity.refs) continue;
    wayCount++;
    const profile = carWayProfile(entity.tags, options);
    if (!profile) continue;
    pending.push({ id: entity.id, refs: entity.refs, profile, name: entity.tags.name });
    for (const ref of entity.refs) needed.intern(ref);
  }
  const lon = new Float64Array(needed.size).fill(NaN);
  const lat = new Float64Array(needed.size).fill(NaN);
  let nodeCount = 0;
  for await (const item of createOSMStream(path, { withTags: false, withInfo: false })) {
    const entity = item as { type?: string; id: number; lon: number; lat: number };
    if (entity.type === 'way') break; // PBF files store all nodes before ways
    if (entity.type !== 'node') continue;
    const index = needed.get(entity.id);
    if (index === -1) continue;
    lon[index] = entity.lon;
    lat[index] = entity.lat;
    nodeCount++;
  }
  return assembleWays(pending, needed, lon, lat, { wayCount, nodeCount, osmTimestamp });
}

function assembleWays(
  pending: PendingWay[], needed: KeyTable, lon: Float64Array, lat: Float64Array,
  counts: { wayCount: number; nodeCount: number; osmTimestamp: string | null },
): { ways: RoadWay[]; report: OsmImportReport } {
  // vertices shared by several car ways (junctions): the urban-context signal
  const useCount = new Uint8Array(needed.size);
  for (const way of pending) for (const ref of way.refs) useCount[needed.get(ref)] = Math.min(2, useCount[needed.get(ref)] + 1);
  const ways: RoadWay[] = [];
  let urbanWayCount = 0, ferryWayCount = 0, incompleteWayCount = 0;
  for (const way of pending) {
    // split at nodes missing from the extract (ways clipped at its border)
    const runs: number[][] = [[]];
    for (const ref of way.refs) {
      const index = needed.get(ref);
      if (Number.isNaN(lon[index])) runs.push([]);
      else runs[runs.length - 1].push(ref);
    }
    if (runs.length > 1) incompleteWayCount++;
    let junctionCount = 0;
    for (const ref of way.refs) if (useCount[needed.get(ref)] >= 2) junctionCount++;
    for (const refs of runs) {
      if (refs.length < 2) continue;
      const coords: number[] = [];
      for (const ref of refs) {
        const index = needed.get(ref);
        coords.push(lon[index], lat[index]);
      }
      const lengthM = polylineLengthM(coords);
      const p = way.profile;
      const urban = p.taggedContext
        ? p.taggedContext === 'urban'
        : p.roadClass === 'residential' || p.roadClass === 'living_street' || junctionCount / Math.max(0.5, lengthM / 1000) >= URBAN_JUNCTIONS_PER_KM;
      if (urban) urbanWayCount++;
      if (p.roadClass === 'ferry') ferryWayCount++;
      ways.push({
        vertexKeys: refs, coords, roadClass: p.roadClass, speedKmh: carSpeedKmh(p, urban, lengthM), oneway: p.oneway,
        ...(p.isRamp ? { isRamp: true } : {}), ...(way.name ? { name: way.name } : {}),
      });
    }
  }
  return { ways, report: { ...counts, carWayCount: pending.length, urbanWayCount, ferryWayCount, incompleteWayCount } };
}
