import type { RoadClass } from './road-way.js';

/**
 * Car profile for OpenStreetMap ways (pure: tags in, decision out).
 *
 * Speeds (km/h) used when a way has no usable `maxspeed`, rural / urban. They are free-flow
 * averages rather than limits (bends, junctions, lights), close to the OSRM car profile and to the
 * French rural 80 km/h rule of 2018:
 *
 *   class            rural  urban   | link (ramp) of that class
 *   motorway          120     90    |  60
 *   trunk             100     70    |  50
 *   primary            80     45    |  40
 *   secondary          70     40    |  35
 *   tertiary           60     35    |  30
 *   unclassified       50     30    |
 *   residential        30     25    |
 *   living_street      10     10    |
 *   service            20     15    |
 *   track (option)     15     15    |
 *   ferry (option)     20 (or the way's `duration` tag)
 *
 * With a `maxspeed` tag: speed = maxspeed × 0.85 (free-flow share of the limit), but never above the
 * rural default of the class + 10 km/h. Zone values are understood: "FR:urban" 50, "FR:rural" 80,
 * "FR:zone30" / "FR:zone:30" 30, "FR:motorway" 130, "walk" 6, "none" → class default; "50 mph" in mph.
 * The urban/rural context comes from `maxspeed:type`, `source:maxspeed` or `zone:maxspeed` when
 * tagged, else from road density around the way (decided by the importer, see osm-pbf.ts).
 */
export interface WayProfile {
  roadClass: RoadClass;
  isRamp: boolean;
  oneway: 0 | 1 | -1;
  /** Parsed maxspeed in km/h, or null when absent/unusable. */
  maxspeedKmh: number | null;
  /** Context from the tags: 'urban' | 'rural' | null when the tags say nothing. */
  taggedContext: 'urban' | 'rural' | null;
  /** Ferry crossing time in seconds from the `duration` tag, when present. */
  ferryDurationSec: number | null;
}

export interface CarProfileOptions {
  includeFerries?: boolean;
  includeTracks?: boolean;
}

const CLASS_OF: Record<string, RoadClass> = {
  motorway: 'motorway', trunk: 'trunk', primary: 'primary', secondary: 'secondary', tertiary: 'tertiary',
  unclassified: 'unclassified', road: 'unclassified', residential: 'residential', living_street: 'living_street',
  service: 'service', track: 'track',
};

const DEFAULT_SPEED: Record<RoadClass, [rural: number, urban: number]> = {
  motorway: [120, 90], trunk: [100, 70], primary: [80, 45], secondary: [70, 40], tertiary: [60, 35],
  unclassified: [50, 30], residential: [30, 25], living_street: [10, 10], service: [20, 15], minor: [40, 30],
  track: [15, 15], ferry: [20, 20],
};
const LINK_SPEED: Partial<Record<RoadClass, number>> = { motorway: 60, trunk: 50, primary: 40, secondary: 35, tertiary: 30 };
const ZONE_SPEED: Record<string, number> = { urban: 50, rural: 80, motorway: 130, trunk: 110, zone30: 30, 'zone:30': 30, zone20: 20, 'zone:20': 20, living_street: 20, walk: 6 };
const NO = new Set(['no', 'private', 'agricultural', 'forestry', 'delivery', 'emergency', 'customers_no']);

/** Way tags → car profile, or null when cars may not use the way. */
export function carWayProfile(tags: Record<string, string>, options: CarProfileOptions = {}): WayProfile | null {
  const highway = tags.highway;
  let roadClass: RoadClass | undefined;
  let isRamp = false;
  if (tags.route === 'ferry') {
    if (!options.includeFerries) return null;
    roadClass = 'ferry';
  } else if (highway) {
    isRamp = highway.endsWith('_link');
    roadClass = CLASS_OF[isRamp ? highway.slice(0, -5) : highway];
  }
  if (!roadClass || (roadClass === 'track' && !options.includeTracks)) return null;
  if (tags.area === 'yes' || tags.impassable === 'yes' || tags.status === 'impassable') return null;
  if (!carAllowed(tags)) return null;
  const oneway = parseOneway(tags, roadClass);
  if (oneway === null) return null;
  return {
    roadClass, isRamp, oneway,
    maxspeedKmh: parseMaxspeedKmh(tags['maxspeed:forward'] ?? tags.maxspeed),
    taggedContext: parseContext(tags),
    ferryDurationSec: roadClass === 'ferry' ? parseDurationSec(tags.duration) : null,
  };
}

/** Most specific tag wins: motorcar > motor_vehicle > vehicle > access. "destination" is allowed. */
function carAllowed(tags: Record<string, string>): boolean {
  for (const key of ['motorcar', 'motor_vehicle', 'vehicle', 'access']) {
    const value = tags[key];
    if (value === undefined) continue;
    return !NO.has(value);
  }
  return true;
}

/** 1 / -1 / 0, or null for reversible/alternating ways (direction changes over the day: not routable). */
export function parseOneway(tags: Record<string, string>, roadClass: RoadClass): 0 | 1 | -1 | null {
  const value = tags.oneway;
  if (value === 'yes' || value === 'true' || value === '1') return 1;
  if (value === '-1' || value === 'reverse') return -1;
  if (value === 'reversible' || value === 'alternating') return null;
  if (value === 'no' || value === 'false' || value === '0') return 0;
  if (tags.junction === 'roundabout' || tags.junction === 'circular') return 1;
  // motorways and their ramps are implied one-way (OSM wiki, OSRM car profile)
  return roadClass === 'motorway' ? 1 : 0;
}

/** "50", "50 mph", "FR:urban", "none", "50;30" (first value) → km/h, or null. */
export function parseMaxspeedKmh(value: string | undefined): number | null {
  if (!value) return null;
  const first = value.split(';')[0].trim().toLowerCase();
  const numeric = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?$/.exec(first);
  if (numeric) {
    const speed = Number(numeric[1]) * (numeric[2] === 'mph' ? 1.609344 : 1);
    return speed > 0 && speed <= 200 ? speed : null;
  }
  if (first === 'walk') return ZONE_SPEED.walk;
  const zone = /^[a-z]{2}:(.+)$/.exec(first);
  return zone && ZONE_SPEED[zone[1]] !== undefined ? ZONE_SPEED[zone[1]] : null;
}

function parseContext(tags: Record<string, string>): 'urban' | 'rural' | null {
  for (const key of ['maxspeed:type', 'source:maxspeed', 'zone:maxspeed', 'maxspeed']) {
    const value = tags[key]?.toLowerCase() ?? '';
    if (/:(urban|zone|zone30|zone:30|zone20|living_street)/.test(value)) return 'urban';
    if (/:(rural|motorway|trunk)/.test(value)) return 'rural';
  }
  return null;
}

/** "HH:MM", "H:MM:SS" or minutes → seconds. */
function parseDurationSec(value: string | undefined): number | null {
  if (!value) return null;
  const parts = value.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return null;
  if (parts.length === 1) return parts[0] * 60;
  return parts.length === 2 ? parts[0] * 3600 + parts[1] * 60 : parts[0] * 3600 + parts[1] * 60 + parts[2];
}

/** Speed of a way in km/h from its profile, its context and (for ferries) its length. */
export function carSpeedKmh(profile: WayProfile, urban: boolean, lengthM: number): number {
  if (profile.roadClass === 'ferry') {
    return profile.ferryDurationSec && lengthM > 0 ? Math.min(60, (lengthM / profile.ferryDurationSec) * 3.6) : DEFAULT_SPEED.ferry[0];
  }
  const [rural, city] = DEFAULT_SPEED[profile.roadClass];
  const linkSpeed = profile.isRamp ? LINK_SPEED[profile.roadClass] : undefined;
  const fallback = linkSpeed ?? (urban ? city : rural);
  if (profile.maxspeedKmh === null) return fallback;
  return Math.max(5, Math.min(profile.maxspeedKmh * 0.85, rural + 10));
}
