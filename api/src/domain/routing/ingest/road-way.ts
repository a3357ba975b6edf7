/**
 * The neutral input of the graph builder: every road importer (OSM PBF, IGN ROUTE 500,
 * OpenMapTiles z14 tile pyramids) turns its source into RoadWay values, and one builder
 * (split at shared vertices, compress degree-2 chains, keep the largest SCC) makes the graph.
 */
export type RoadClass =
  | 'motorway'
  | 'trunk'
  | 'primary'
  | 'secondary'
  | 'tertiary'
  | 'unclassified'
  | 'residential'
  | 'living_street'
  | 'service'
  | 'minor'
  | 'track'
  | 'ferry';

/** Road classes in a fixed order: the byte stored per piece in `pieceRoadClass`. */
export const ROAD_CLASSES: readonly RoadClass[] = [
  'motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified',
  'residential', 'living_street', 'service', 'minor', 'track', 'ferry',
];

export interface RoadWay {
  /** Stable identity of each vertex (OSM node id, or a z14 grid key gx * 2^27 + gy); equal keys join ways. */
  vertexKeys: number[];
  /** lon,lat interleaved (WGS84), 2 × vertexKeys.length numbers. */
  coords: number[];
  roadClass: RoadClass;
  /** Free-flow car speed used for this way, km/h (from maxspeed or the documented defaults). */
  speedKmh: number;
  /** 1: only along vertex order; -1: only against it; 0: both ways. */
  oneway: 0 | 1 | -1;
  isRamp?: boolean;
  name?: string;
}
