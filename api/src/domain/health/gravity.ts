import type { FlowRow } from './flows.js';
import { haversineM } from '../common/geo.js';
import { seededRandom } from '../common/random.js';

/**
 * MODELLED patient flows — not observed. Real stays by establishment × patient zone are not public;
 * this gravity model spreads each establishment's real ScanSanté total over PMSI code géo zones.
 * modelFlows decays on CROW-FLY distance (the fallback used before the routing engine landed, named so);
 * modelFlowsByDriveTime decays on drive times from the road network (the committed demo table).
 */
export const MODELLED_FLOWS_LABEL = 'modelled, not observed; distance decay on crow-fly distance until the routing engine lands';

export interface GravityEstablishment {
  finess: string;
  lon: number;
  lat: number;
  /** Real total stays of the year (ScanSanté); also its attractiveness mass. */
  staysCount: number;
}

export interface GravityZone {
  zoneCode: string;
  lon: number;
  lat: number;
  populationCount: number;
}

export interface GravityParams {
  /** e-folding distance of the decay exp(−d/λ), in metres of crow-fly distance. */
  crowFlyDecayM: number;
  /** Zones farther than this (crow-fly) get no modelled stays. */
  maxCrowFlyDistanceM: number;
  /** Seed of the multiplicative noise (±noiseRatio uniform) that keeps the table from looking smooth. */
  seed: number;
  noiseRatio: number;
  /** Keep an establishment's heaviest zones up to this share of its weight (drops the long thin tail). */
  coverageRatio: number;
}

export const DEFAULT_GRAVITY_PARAMS: GravityParams = { crowFlyDecayM: 10_000, maxCrowFlyDistanceM: 150_000, seed: 20261122, noiseRatio: 0.2, coverageRatio: 0.95 };

/** Great-circle (haversine) distance in metres: the crow-fly fallback, not a road distance. */
export const crowFlyDistanceM = haversineM;

/** Splits an integer total over weights with the largest-remainder rule (sums exactly to total). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]++;
  }
  return out;
}

/**
 * Production-constrained gravity (Huff) model: zone z sends to e in proportion to
 * population_z × [A_e f(d_ez) / Σ_e' A_e' f(d_e'z)], A = stays, f(d) = exp(−d/λ) on crow-fly d;
 * each establishment's stays are then apportioned to sum exactly to its real total.
 */
export function modelFlows(establishments: GravityEstablishment[], zones: GravityZone[], params: GravityParams = DEFAULT_GRAVITY_PARAMS): FlowRow[] {
  const pairs: GravityPair[] = [];
  const cosLat = (lat: number) => Math.cos((lat * Math.PI) / 180);
  const maxDeg = params.maxCrowFlyDistanceM / 111_000;
  establishments.forEach((e, ei) => {
    const lonSpan = maxDeg / Math.max(0.2, cosLat(e.lat));
    zones.forEach((z, zi) => {
      if (Math.abs(z.lat - e.lat) > maxDeg || Math.abs(z.lon - e.lon) > lonSpan) return;
      const d = crowFlyDistanceM(e.lon, e.lat, z.lon, z.lat);
      if (d <= params.maxCrowFlyDistanceM) pairs.push({ e: ei, z: zi, decay: Math.exp(-d / params.crowFlyDecayM) });
    });
  });
  return gravityFlows(establishments, zones, pairs, params);
}

/** Label of the flows modelled on drive times (the committed demo table since the routing engine landed). */
export const MODELLED_DRIVE_TIME_LABEL = 'modelled, not observed; gravity model on drive times (OSM 2021 road network), seeded';

export interface DriveTimeGravityParams {
  /** e-folding time of the decay exp(−t/τ), in seconds of drive time from the zone to the establishment. */
  decaySec: number;
  /** Zones farther than this drive time (or with no route) get no modelled stays. */
  maxDurationSec: number;
  seed: number;
  noiseRatio: number;
  coverageRatio: number;
}

export const DEFAULT_DRIVE_TIME_GRAVITY_PARAMS: DriveTimeGravityParams = { decaySec: 8 * 60, maxDurationSec: 120 * 60, seed: 20261122, noiseRatio: 0.2, coverageRatio: 0.95 };

/**
 * The same gravity model with f(t) = exp(−t/τ) on drive times: durationSec(zi, ei) is the drive time from
 * zone zi's centre to establishment ei (seconds; null = off the network or no route → no flow).
 */
export function modelFlowsByDriveTime(
  establishments: GravityEstablishment[], zones: GravityZone[], durationSec: (zi: number, ei: number) => number | null,
  params: DriveTimeGravityParams = DEFAULT_DRIVE_TIME_GRAVITY_PARAMS,
): FlowRow[] {
  const pairs: GravityPair[] = [];
  establishments.forEach((_, ei) => {
    zones.forEach((_z, zi) => {
      const t = durationSec(zi, ei);
      if (t !== null && t <= params.maxDurationSec) pairs.push({ e: ei, z: zi, decay: Math.exp(-t / params.decaySec) });
    });
  });
  return gravityFlows(establishments, zones, pairs, params);
}

/** An establishment × zone pair within range and its decay factor f(distance or time) in (0, 1]. */
interface GravityPair { e: number; z: number; decay: number }

/** Shared core: Huff shares per zone, seeded noise (pair order fixes the draws), coverage cut, exact apportionment. */
function gravityFlows(establishments: GravityEstablishment[], zones: GravityZone[], decayed: GravityPair[], params: { seed: number; noiseRatio: number; coverageRatio: number }): FlowRow[] {
  const rand = seededRandom(params.seed);
  const denom = new Float64Array(zones.length);
  const pairs = decayed.map((p) => {
    const pull = establishments[p.e].staysCount * p.decay;
    denom[p.z] += pull;
    return { e: p.e, z: p.z, pull };
  });
  const weightsByE = new Map<number, { z: number; w: number }[]>();
  for (const p of pairs) {
    if (denom[p.z] <= 0) continue;
    const noise = 1 + params.noiseRatio * (2 * rand() - 1);
    const w = zones[p.z].populationCount * (p.pull / denom[p.z]) * noise;
    if (!weightsByE.has(p.e)) weightsByE.set(p.e, []);
    weightsByE.get(p.e)!.push({ z: p.z, w });
  }
  const out: FlowRow[] = [];
  establishments.forEach((e, ei) => {
    const all = (weightsByE.get(ei) ?? []).sort((a, b) => b.w - a.w || a.z - b.z);
    const totalW = all.reduce((a, x) => a + x.w, 0);
    const ws: typeof all = [];
    let cum = 0;
    for (const x of all) {
      if (cum >= params.coverageRatio * totalW) break;
      ws.push(x);
      cum += x.w;
    }
    const stays = apportion(Math.round(e.staysCount), ws.map((x) => x.w));
    ws.forEach((x, i) => {
      if (stays[i] > 0) out.push({ finess: e.finess, zoneCode: zones[x.z].zoneCode, stays: stays[i] });
    });
  });
  return out;
}
