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
export type { RoadClass, RoadWay } from './road-way.js';
export { ROAD_CLASSES, edgeCoordinates, reverseAdjacency, type BuildReport, type RoadGraph } from './graph.js';
export { buildRoadGraph, type BuildOptions } from './build-graph.js';
export type { ContractionHierarchy, ContractOptions } from './ch.js';
export { contractGraph } from './contract.js';
export {
  GRAPH_FILE_MAGIC, GRAPH_FILE_VERSION, deserializeGraph, readGraphFile, serializeGraph, writeGraphFile,
  type GraphFile, type GraphFileMeta,
} from './graph-file.js';
export { ChRouter, nodeSeed, type NodePath, type NodeSeeds } from './ch-query.js';
export { dijkstra } from './dijkstra.js';
export { phast } from './phast.js';
export { buildTargetBuckets, chMatrix, type NodeMatrix, type TargetBuckets } from './matrix.js';
export { MatrixWorkerPool, parallelPointMatrix } from './parallel-matrix.js';
export { pairsWithin, type SparseBlock } from './distancier.js';
export { DEFAULT_SNAP, buildSnapIndex, snapPoint, type SnapIndex, type SnapOptions, type SnappedPoint } from './snap.js';
export {
  createRoutingNetwork, pointMatrix, routeBetween, snapPoints,
  type LonLat, type PointMatrix, type RouteResult, type RoutingNetwork,
} from './network.js';
export { isochroneMembership, isochronePolygons, originNodeTimes, type IsochroneOptions, type Membership, type TravelDirection } from './isochrone.js';
export { pieceComponent, roadComponents } from './components.js';
export { seededRandom, syntheticRoadWays } from './synthetic.js';
export { metresPerDegree } from './geo.js';
