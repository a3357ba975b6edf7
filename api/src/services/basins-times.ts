/**
 * Supply × commune drive times for the accessibility index (issue 15): every commune (departure, the road nearest
 * its point) to every supply point (arrival) within a reach, by bucket CH (`pairsWithin`, as the distancier),
 * kept SPARSE and CSR by supply (domain/basins SparseTimes): 9,500 GP communes × 34,875 communes within 30 min are
 * ≈ 1.2 million pairs, where a dense table would hold 330 million cells. A supply located at a commune's own point
 * (BPE counts per commune) is 0 min from that commune. Off-network supplies and communes get no pair, with the
 * reason. Results are cached per (network, snap distance, supply points, reach): the sensitivity table and a second
 * call reuse them. The nearest-actor basins need no table: one multi-source search (nearestActorTimes below).
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { RoutingService } from './routing.js';
import { areaCommunes } from './areas-times.js';
import type { CommunePoint } from '../repositories/points-near.js';
import { nearestSourceOfOrigins, pairsWithin, reverseAdjacency, snapPoints, type LonLat, type RoadGraph, type RoutingNetwork, type SnappedPoint, type SparseBlock } from '../domain/routing/index.js';
import type { ReverseAdjacency } from '../domain/routing/graph/graph.js';
import type { NearestAssignment, SparseTimes } from '../domain/basins/index.js';
import { basinsApiText as t } from '../messages/basins-api.js';

export interface SupplyPoint {
  key: string;
  label: string;
  lon: number;
  lat: number;
  /** Index (in the commune list) of the commune whose own point this is (BPE counts per commune): 0 min from it. */
  communeIndex?: number;
}

export interface NetworkReport { name: string | undefined; source: string | undefined; sourceDate: string | undefined; licence: string | undefined; attribution: string | undefined }

export interface SupplyTimes {
  communes: CommunePoint[];
  /** CSR by supply, seconds, every pair within reachSec (NaN never stored). */
  times: SparseTimes;
  /** Per supply: null when on the network, else why it has no time. */
  supplyReasons: (string | null)[];
  communeSnapped: boolean[];
  offNetworkCommuneCodes: string[];
  offNetworkCommuneReason: string;
  reachSec: number;
  maxSnapM: number;
  network: NetworkReport;
  timesMs: number;
  /** True when the times came from the cache (no routing in this call). */
  cached: boolean;
}

/**
 * A commune's departure from the road nearest its point (the time rule of isochrones and trade areas): its seeds
 * without its access leg (which is up to ≈ 20 min for a point far from the main roads).
 */
function fromRoad(p: SnappedPoint) {
  const d = p.departure;
  return { ...d, durationMs: d.durationMs.map((ms) => Math.max(0, ms - p.accessDurationMs)) };
}

/** Communes snapped once per snapping view (≈ 2 s for 34,875 points on the national graph). */
const communeSnaps = new WeakMap<RoutingNetwork, { communes: CommunePoint[]; snapped: (SnappedPoint | null)[] }>();

function snappedCommunes(view: RoutingNetwork, communes: CommunePoint[]) {
  let entry = communeSnaps.get(view);
  if (!entry || entry.communes !== communes) {
    entry = { communes, snapped: snapPoints(view, communes.map((c) => [c.lon, c.lat] as LonLat)) };
    communeSnaps.set(view, entry);
  }
  return entry.snapped;
}

/** Times per (network view, supply set, reach): a few entries (≈ 10 MB each for all GPs within 30 min). */
const CACHE_SIZE = 6;
const cache = new Map<string, { times: SparseTimes; supplyReasons: (string | null)[]; reachSec: number }>();
const viewIds = new WeakMap<RoutingNetwork, number>();
let nextViewId = 0;

function supplyKey(view: RoutingNetwork, points: readonly SupplyPoint[]): string {
  if (!viewIds.has(view)) viewIds.set(view, ++nextViewId);
  const h = createHash('sha1');
  h.update(Buffer.from(Float64Array.from(points.flatMap((p) => [p.lon, p.lat, p.communeIndex ?? -1])).buffer));
  return `${viewIds.get(view)}|${points.length}|${h.digest('hex')}`;
}

/** Blocks of (commune, supply) pairs → CSR by supply, plus the 0-min pairs of supplies at a commune's own point. */
function toCsr(blocks: SparseBlock[], sourceCommune: Int32Array, points: readonly SupplyPoint[], supplyOf: Int32Array, communeSnapped: readonly boolean[]): SparseTimes {
  const J = points.length;
  const communeCount = communeSnapped.length;
  // A supply at a commune's own point is 0 min from it (when that point is on the network at all).
  const zero = new Int32Array(J).fill(-1);
  points.forEach((p, j) => { if (p.communeIndex !== undefined && p.communeIndex >= 0 && communeSnapped[p.communeIndex]) zero[j] = p.communeIndex; });
  const offsets = new Int32Array(J + 1);
  for (const b of blocks) for (let k = 0; k < b.target.length; k++) offsets[supplyOf[b.target[k]] + 1]++;
  for (let j = 0; j < J; j++) if (zero[j] >= 0) offsets[j + 1]++; // room for the own-commune pair (deduplicated below)
  for (let j = 0; j < J; j++) offsets[j + 1] += offsets[j];
  const fill = offsets.slice(0, J);
  const commune = new Int32Array(offsets[J]);
  const sec = new Float32Array(offsets[J]);
  for (const b of blocks) {
    for (let k = 0; k < b.target.length; k++) {
      const j = supplyOf[b.target[k]];
      const c = sourceCommune[b.source[k]];
      const at = fill[j]++;
      commune[at] = c;
      sec[at] = c === zero[j] ? 0 : b.durationMs[k] / 1000;
    }
  }
  // Own-commune pairs: already there (set to 0 above) unless the network found no path within the reach; compact.
  let write = 0;
  const newOffsets = new Int32Array(J + 1);
  for (let j = 0; j < J; j++) {
    let hasZero = false;
    for (let k = offsets[j]; k < fill[j]; k++) {
      if (commune[k] === zero[j]) hasZero = true;
      commune[write] = commune[k];
      sec[write] = sec[k];
      write++;
    }
    if (zero[j] >= 0 && !hasZero) { commune[write] = zero[j]; sec[write] = 0; write++; }
    newOffsets[j + 1] = write;
  }
  return { supplyCount: J, communeCount, offsets: newOffsets, commune: commune.slice(0, write), sec: sec.slice(0, write) };
}

/**
 * Drive times from every commune to each supply point within reachSec (seconds), sparse by supply. Call with the
 * largest catchment a request needs (the sensitivity table needs 30 min): any smaller catchment reads the same pairs.
 */
export async function supplyTimes(routing: RoutingService, database: Database, points: readonly SupplyPoint[], reachSec: number, requestedMaxSnapM?: number): Promise<SupplyTimes> {
  const t0 = performance.now();
  const network = routing.requireNetwork();
  const communes = await areaCommunes(database);
  const maxSnapM = routing.maxSnapM(requestedMaxSnapM);
  const view = routing.host.snapView(maxSnapM);
  const snapped = snappedCommunes(view, communes);
  const key = supplyKey(view, points);
  let entry = cache.get(key);
  const cached = !!entry && entry.reachSec >= reachSec;
  if (!cached) {
    const supplySnaps = snapPoints(view, points.map((p) => [p.lon, p.lat] as LonLat));
    const onNetwork = points.flatMap((_, j) => (supplySnaps[j] ? [j] : []));
    const sources = communes.flatMap((_, c) => (snapped[c] ? [c] : []));
    const blocks: SparseBlock[] = [];
    pairsWithin(network.ch, sources.map((c) => fromRoad(snapped[c]!)), onNetwork.map((j) => supplySnaps[j]!.arrival), reachSec * 1000, (b) => blocks.push(b));
    // pairsWithin's target index is the position among on-network supplies.
    const times = toCsr(blocks, Int32Array.from(sources), points, Int32Array.from(onNetwork), snapped.map((p) => p !== null));
    entry = { times, supplyReasons: supplySnaps.map((s) => (s ? null : t.supplyOffNetwork(maxSnapM))), reachSec };
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
    cache.set(key, entry!); // LRU
  }
  const status = routing.status;
  const times = entry!.reachSec > reachSec ? restrict(entry!.times, reachSec) : entry!.times;
  return {
    communes,
    times,
    supplyReasons: entry!.supplyReasons,
    communeSnapped: snapped.map((s) => s !== null),
    offNetworkCommuneCodes: communes.filter((_, c) => !snapped[c]).map((c) => c.code),
    offNetworkCommuneReason: t.communeOffNetwork(maxSnapM),
    reachSec,
    maxSnapM,
    network: { name: status.network, source: status.source, sourceDate: status.sourceDate, licence: status.licence, attribution: status.attribution },
    timesMs: Math.round(performance.now() - t0),
    cached,
  };
}

/** Reversed adjacency of each loaded graph, built once (≈ 0.1 s nationally). */
const reverses = new WeakMap<RoadGraph, ReverseAdjacency>();

export interface NearestActorTimes {
  communes: CommunePoint[];
  assignment: NearestAssignment;
  /** Per actor: null when on the network, else why it has no time. */
  actorReasons: (string | null)[];
  offNetworkCommuneCodes: string[];
  offNetworkCommuneReason: string;
  maxSnapM: number;
  network: NetworkReport;
  timesMs: number;
}

/**
 * Every commune's NEAREST actor within cutoffSec, by one multi-source search from all actors at once
 * (domain/routing nearestSourceOfOrigins: the commune rule of trade areas; an actor located at a commune's own
 * point — BPE counts per commune — is 0 min from it). Ties: another actor exactly as near.
 */
export async function nearestActorTimes(routing: RoutingService, database: Database, points: readonly SupplyPoint[], cutoffSec: number, requestedMaxSnapM?: number): Promise<NearestActorTimes> {
  const t0 = performance.now();
  const network = routing.requireNetwork();
  const { graph } = network;
  const communes = await areaCommunes(database);
  const maxSnapM = routing.maxSnapM(requestedMaxSnapM);
  const view = routing.host.snapView(maxSnapM);
  const snapped = snappedCommunes(view, communes);
  const actorSnaps = snapPoints(view, points.map((p) => [p.lon, p.lat] as LonLat));
  let reverse = reverses.get(graph);
  if (!reverse) reverses.set(graph, (reverse = reverseAdjacency(graph)));
  const near = nearestSourceOfOrigins(graph, reverse, snapped, actorSnaps, cutoffSec * 1000, points.map((p) => p.communeIndex));
  const timeSec = new Float32Array(communes.length);
  for (let c = 0; c < timeSec.length; c++) timeSec[c] = near.durationMs[c] === Infinity ? NaN : near.durationMs[c] / 1000;
  const actorOfCommune = near.sourceOfOrigin, tied = near.tied;
  const status = routing.status;
  return {
    communes,
    assignment: { actorOfCommune, timeSec, tied },
    actorReasons: actorSnaps.map((q) => (q ? null : t.actorOffNetwork(maxSnapM))),
    offNetworkCommuneCodes: communes.filter((_, c) => !snapped[c]).map((c) => c.code),
    offNetworkCommuneReason: t.communeOffNetwork(maxSnapM),
    maxSnapM,
    network: { name: status.network, source: status.source, sourceDate: status.sourceDate, licence: status.licence, attribution: status.attribution },
    timesMs: Math.round(performance.now() - t0),
  };
}

/** The pairs within a smaller reach. */
function restrict(times: SparseTimes, reachSec: number): SparseTimes {
  const { supplyCount: J, offsets } = times;
  const newOffsets = new Int32Array(J + 1);
  let n = 0;
  for (let k = 0; k < times.sec.length; k++) if (times.sec[k] <= reachSec) n++;
  const commune = new Int32Array(n);
  const sec = new Float32Array(n);
  let w = 0;
  for (let j = 0; j < J; j++) {
    for (let k = offsets[j]; k < offsets[j + 1]; k++) if (times.sec[k] <= reachSec) { commune[w] = times.commune[k]; sec[w] = times.sec[k]; w++; }
    newOffsets[j + 1] = w;
  }
  return { supplyCount: J, communeCount: times.communeCount, offsets: newOffsets, commune, sec };
}

/** What a payload says about the times: network, rule, what was left out, and the time spent. */
export function supplyTimesReport(st: SupplyTimes, keys: readonly string[], labels: readonly string[]) {
  return {
    network: { ...st.network, maxSnapM: st.maxSnapM, reachSec: st.reachSec, timeRule: t.timeRule },
    offNetwork: keys.flatMap((key, j) => (st.supplyReasons[j] ? [{ key, label: labels[j], reason: st.supplyReasons[j]! }] : [])),
    offNetworkCommunes: { communeCount: st.offNetworkCommuneCodes.length, communeCodes: st.offNetworkCommuneCodes.slice(0, 200), reason: st.offNetworkCommuneReason },
  };
}
