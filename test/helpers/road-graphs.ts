import { join } from 'node:path';
import { writeGraphFile, type GraphFileMeta } from '../../api/src/domain/routing/index.js';
import { fixtureNetwork, type FixtureName } from '../domain/routing/fixtures.js';

/**
 * Writes a committed road fixture (real OSM, see test/fixtures/roads) as a graph file `<dir>/<name>.graph`, with its
 * contraction hierarchy, for RoutingService.load or MAILLAGE_ROAD_GRAPH. The network's name is the file name.
 */
export function writeFixtureGraph(dir: string, name: FixtureName, meta: Partial<GraphFileMeta> = {}): string {
  const file = join(dir, `${name}.graph`);
  const { graph, ch } = fixtureNetwork(name);
  writeGraphFile(file, graph, ch, { source: `OpenStreetMap ${name} (test fixture)`, licence: 'ODbL', attribution: '© OpenStreetMap contributors', profile: 'car', ...meta });
  return file;
}
