/**
 * Maillage drive-time engine (pure TypeScript, typed arrays). Stable entry point for importers,
 * scripts, the routing service and tests: import from here, not from the internal modules.
 *
 *   const { graph, report } = buildRoadGraph(ways);          // RoadWay[] → CSR graph (largest SCC, chains compressed)
 *   const ch = contractGraph(graph);                         // contraction hierarchy
 *   writeGraphFile('roads.graph', graph, ch, { source: 'OSM …' });
 *   const { graph, ch, meta } = readGraphFile('roads.graph');
 *   const network = createRoutingNetwork(graph, ch!);        // snapping index built lazily
 *   routeBetween(network, [lon, lat], [lon, lat]);           // { durationSec, distanceM, geometry } | null
 *   pointMatrix(network, sources, targets);                  // (number | null)[][] seconds and metres
 *   await parallelPointMatrix(network, pool, sources, targets); // same over worker_threads (pool = new MatrixWorkerPool(ch))
 *   pairsWithin(ch, sources, targets, 90 * 60_000, onBlock); // sparse pairs within a cut-off (distancier)
 *   isochronePolygons(network, origin, [600, 1200, 1800]);   // GeoJSON bands (display)
 *   isochroneMembership(network, origin, points, breaks);    // each point's own time (exact counts)
 */
export { ROAD_CLASSES, type RoadClass, type RoadWay } from './ingest/road-way.js';
export { edgeCoordinates, reverseAdjacency, type BuildReport, type RoadGraph } from './graph/graph.js';
export { buildRoadGraph, type BuildOptions } from './graph/build-graph.js';
export type { ContractionHierarchy, ContractOptions } from './ch/ch.js';
export { contractGraph } from './ch/contract.js';
export {
  GRAPH_FILE_MAGIC, GRAPH_FILE_VERSION, deserializeGraph, readGraphFile, serializeGraph, writeGraphFile,
  type GraphFile, type GraphFileMeta,
} from './graph/graph-file.js';
export { ChRouter, nodeSeed, type NodePath, type NodeSeeds } from './ch/ch-query.js';
export { dijkstra } from './query/dijkstra.js';
export { phast } from './ch/phast.js';
export { buildTargetBuckets, chMatrix, type NodeMatrix, type TargetBuckets } from './query/matrix.js';
export { MatrixWorkerPool, parallelPointMatrix } from './query/parallel-matrix.js';
export { pairsWithin, type SparseBlock } from './query/distancier.js';
export { nearestSourceLabels, nearestSourceOfOrigins, type NearestSourceLabels, type NearestSourceOfOrigins } from './query/nearest-source.js';
export { DEFAULT_SNAP, buildSnapIndex, snapPoint, type SnapIndex, type SnapOptions, type SnappedPoint } from './query/snap.js';
export {
  createRoutingNetwork, pointMatrix, routeBetween, snapPoints,
  type LonLat, type PointMatrix, type RouteResult, type RoutingNetwork,
} from './query/network.js';
export { isochroneMembership, isochronePolygons, originNodeTimes, type IsochroneOptions, type Membership, type TravelDirection } from './query/isochrone.js';
export { pieceComponent, roadComponents } from './query/components.js';
export { syntheticRoadWays } from './ingest/synthetic.js';
export { seededRandom } from '../common/random.js';
export { metresPerDegree } from './geo.js';
