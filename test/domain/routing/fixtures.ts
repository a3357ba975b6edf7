import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildRoadGraph, contractGraph, createRoutingNetwork, type BuildReport, type ContractionHierarchy, type RoadGraph, type RoadWay, type RoutingNetwork } from '../../../api/src/domain/routing/index.js';
import { decodeRoadWays, type EncodedRoadWays } from '../../../api/src/domain/routing/ingest/road-ways-codec.js';

/** Committed compact fixtures (derived by scripts/roads-fixtures.ts from ../shared/data/roads). */
export const FIXTURES = ['monaco', 'andorra', 'saint-barthelemy', 'saint-germain-en-laye'] as const;
export type FixtureName = (typeof FIXTURES)[number];

const root = join(import.meta.dirname, '../../..');
export const SHARED_ROADS = join(root, '../shared/data/roads');
export const hasSharedRoads = existsSync(join(SHARED_ROADS, 'monaco.osm.pbf'));

export function fixtureWays(name: FixtureName): RoadWay[] {
  const bytes = readFileSync(join(root, 'test/fixtures/roads', `${name}.road-ways.json.gz`));
  return decodeRoadWays(JSON.parse(gunzipSync(bytes).toString('utf8')) as EncodedRoadWays);
}

interface Built {
  ways: RoadWay[];
  graph: RoadGraph;
  report: BuildReport;
  ch: ContractionHierarchy;
  network: RoutingNetwork;
}

const cache = new Map<FixtureName, Built>();

/** Graph, hierarchy and network of a fixture, built once per test file. */
export function fixtureNetwork(name: FixtureName): Built {
  let built = cache.get(name);
  if (!built) {
    const ways = fixtureWays(name);
    const { graph, report } = buildRoadGraph(ways);
    const ch = contractGraph(graph);
    built = { ways, graph, report, ch, network: createRoutingNetwork(graph, ch) };
    cache.set(name, built);
  }
  return built;
}
