/**
 * Store × commune drive times for trade areas (issue 14): customers drive FROM each commune TO each store.
 * Per store, one backward upward search (CH) on the calling thread, then restricted PHAST sweeps in worker threads,
 * K nearby stores per sweep, over the part of the hierarchy the communes within the batch's reach need
 * (store-times-worker.mjs); each commune reads its time at the road nearest its point (the isochrones' commune rule). Rows are cached per (network, snap distance, store position): a what-if that moves one store
 * recomputes one row. Off-network stores and communes get NaN and a reason — never an invented time.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { API_SRC_DIR } from '../paths.js';
import { snapPoints, type LonLat, type RoutingNetwork, type SnappedPoint } from '../domain/routing/index.js';
import { UpwardSearch } from '../domain/routing/ch/upward-search.js';
import { call, morton, restrictedSweep, shared } from './store-times-sweep.js';
import { samePieceDurationMs } from '../domain/routing/query/snap.js';
import type { StoreTimes } from '../domain/areas/index.js';

/** Stores per PHAST sweep: one read of the hierarchy serves K trees (labels interleaved). */
const TREES_PER_SWEEP = 16;
/** Rows kept (≈ 140 kB each for all communes, ≈ 100 MB in all): the demo network twice over, what-ifs included. */
const DEFAULT_ROW_CACHE = 700;
/** Rows are computed to at least this drive time (the default cut-off), whatever the request's cut-off. */
const DEFAULT_REACH_SEC = 90 * 60;

/** A commune's point, in the order StoreTimes columns follow. */
export interface CommuneSite { code: string; lon: number; lat: number }

/**
 * Communes snapped once per snap distance, and the part of the hierarchy their times depend on (RPHAST): the
 * nodes reachable upwards from the communes' departure seeds (≈ 1/4 of the national graph), renumbered in sweep
 * order (highest rank first, so an upward edge always points to a smaller index), with their upward edges.
 */
interface CommuneSeeds {
  snapped: (SnappedPoint | null)[];
  offsets: Uint32Array;
  /** Seeds as indices into the restricted sweep. */
  local: Uint32Array;
  seedMs: Float64Array;
  accessMs: Float64Array;
  /** Commune points, lon/lat interleaved (a batch sweeps only what its stores can reach). */
  lonLat: Float64Array;
  /** Rank → index in the restricted sweep, -1 outside it. */
  localOfRank: Int32Array;
  sweep: { count: number; first: Uint32Array; target: Uint32Array; durationMs: Uint32Array };
  /** Communes by road piece (a store on the same piece may be reached directly along it). */
  byPiece: Map<number, number[]>;
}

export interface StoreTimesRun {
  times: StoreTimes;
  /** Per store: where it met the road, or null (off network: its row is NaN). */
  storeSnaps: (SnappedPoint | null)[];
  /** Per commune: snapped or not (off network: its column is NaN). */
  communeSnapped: boolean[];
  /** Rows computed in this call (the others came from the cache). */
  computedRowCount: number;
  computeMs: number;
}

/** The process's store-times engine over one road network: worker pool, commune seeds, row cache. */
export class StoreTimesEngine {
  private workers: Worker[] | null = null;
  private initialised = new Map<number, CommuneSeeds>();
  private activeSeeds: CommuneSeeds | null = null;
  /** Raw rows (no cut-off applied) and the reach they were computed for: valid for any cut-off up to it. */
  private readonly rows = new Map<string, { row: Float32Array; reachSec: number }>();
  /** Fastest speed on the graph (m/s): nothing beyond reachSec × this, crow-fly, can be within reachSec. */
  private readonly maxSpeedMps: number;
  private readonly search: UpwardSearch;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly network: RoutingNetwork,
    readonly communes: readonly CommuneSite[],
    readonly workerCount = Math.max(1, availableParallelism()),
    private readonly rowCacheSize = DEFAULT_ROW_CACHE,
  ) {
    this.search = new UpwardSearch(network.ch, 'backward');
    let v = 30 / 3.6; // access legs never exceed this (they are at most 30 km/h)
    const { edgeDistanceM, edgeDurationMs, edgeCount } = network.graph;
    // An edge of zero duration but some length would make any bound wrong: no spatial restriction then.
    for (let e = 0; e < edgeCount; e++) v = Math.max(v, edgeDurationMs[e] > 0 ? (edgeDistanceM[e] / edgeDurationMs[e]) * 1000 : edgeDistanceM[e] > 0 ? Infinity : 0);
    this.maxSpeedMps = v;
  }

  /**
   * Drive times (s) from every commune to each store, NaN where off network, unreachable or beyond cutoffSec.
   * `network` is the snapping view to use (its maxSnapDistanceM applies to stores and communes alike).
   */
  async times(view: RoutingNetwork, stores: readonly LonLat[], cutoffSec: number): Promise<StoreTimesRun> {
    const run = this.queue.then(() => this.compute(view, stores, cutoffSec));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async compute(view: RoutingNetwork, stores: readonly LonLat[], cutoffSec: number): Promise<StoreTimesRun> {
    const t0 = performance.now();
    const maxSnapM = view.snapOptions.maxSnapDistanceM ?? 1000;
    const seeds = this.communeSeeds(view, maxSnapM);
    const storeSnaps = snapPoints(view, stores);
    const communeCount = this.communes.length;
    const keys = stores.map(([lon, lat]) => `${maxSnapM}|${lon}|${lat}`);
    // Rows are computed for at least the default reach, so that a what-if or another cut-off reuses them.
    const reachSec = Math.max(cutoffSec, DEFAULT_REACH_SEC);
    const firstOf = new Map(keys.map((k, s) => [k, s] as [string, number]).reverse());
    const missing = [...new Set(keys.filter((k, s) => storeSnaps[s] && !((this.rows.get(k)?.reachSec ?? -1) >= cutoffSec)))]
      .sort((a, b) => morton(stores[firstOf.get(a)!]) - morton(stores[firstOf.get(b)!])); // batches of nearby stores sweep less
    if (missing.length) {
      const sites = missing.map((k) => firstOf.get(k)!);
      const computed = await this.computeRows(seeds, sites.map((s) => storeSnaps[s]!), sites.map((s) => stores[s]), reachSec, maxSnapM);
      missing.forEach((k, i) => this.remember(k, computed.subarray(i * communeCount, (i + 1) * communeCount), reachSec));
    }
    const sec = new Float32Array(stores.length * communeCount).fill(NaN);
    stores.forEach((_, s) => {
      const entry = storeSnaps[s] ? this.rows.get(keys[s]) : undefined;
      if (!entry) return;
      this.rows.delete(keys[s]); // LRU: used rows move to the end
      this.rows.set(keys[s], entry);
      const { row } = entry;
      const out = sec.subarray(s * communeCount, (s + 1) * communeCount);
      if (cutoffSec >= entry.reachSec) out.set(row); // rows are NaN beyond their reach already
      else for (let c = 0; c < communeCount; c++) out[c] = row[c] <= cutoffSec ? row[c] : NaN;
    });
    return {
      times: { storeCount: stores.length, communeCount, sec },
      storeSnaps,
      communeSnapped: seeds.snapped.map((p) => p !== null),
      computedRowCount: missing.length,
      computeMs: performance.now() - t0,
    };
  }

  private remember(key: string, row: Float32Array, reachSec: number) {
    this.rows.set(key, { row: row.slice(), reachSec });
    while (this.rows.size > this.rowCacheSize) this.rows.delete(this.rows.keys().next().value!);
  }

  /**
   * Rows (store-major) for snapped stores, NaN beyond reachSec: backward upward searches here, sweeps in the
   * workers, each restricted to the communes a batch's stores can reach at the graph's top speed (crow-fly).
   */
  private async computeRows(seeds: CommuneSeeds, stores: SnappedPoint[], sites: LonLat[], reachSec: number, maxSnapM: number): Promise<Float32Array> {
    const communeCount = this.communes.length;
    const out = new SharedArrayBuffer(stores.length * communeCount * 4);
    // A commune's time starts at the road nearest its point (≤ maxSnapM away): the radius counts that too.
    const radiusM = reachSec * this.maxSpeedMps * 1.01 + maxSnapM + 500;
    const batches: { first: number; k: number; seedOffsets: Uint32Array; seedRanks: Uint32Array; seedMs: Float64Array; sites: Float64Array }[] = [];
    for (let first = 0; first < stores.length; first += TREES_PER_SWEEP) {
      const batch = stores.slice(first, first + TREES_PER_SWEEP);
      const ranks: number[] = [], ms: number[] = [];
      const seedOffsets = new Uint32Array(batch.length + 1);
      batch.forEach((store, j) => {
        this.search.run({ ranks: store.arrival.nodes.map((v) => this.network.ch.rankOfNode[v]), durationMs: store.arrival.durationMs, distanceM: store.arrival.distanceM });
        for (let i = 0; i < this.search.settledCount; i++) {
          const r = this.search.settled[i];
          const at = seeds.localOfRank[r];
          if (at < 0) continue; // no commune's time goes through this node
          ranks.push(at);
          ms.push(this.search.durationMs[r]);
        }
        seedOffsets[j + 1] = ranks.length;
      });
      batches.push({ first, k: batch.length, seedOffsets, seedRanks: Uint32Array.from(ranks), seedMs: Float64Array.from(ms), sites: Float64Array.from(sites.slice(first, first + batch.length).flat()) });
    }
    const workers = this.pool(seeds);
    let next = 0;
    await Promise.all(workers.map(async (worker) => {
      while (next < batches.length) {
        const b = batches[next++];
        await call(worker, { type: 'run', k: b.k, seedOffsets: b.seedOffsets, seedRanks: b.seedRanks, seedMs: b.seedMs, sites: b.sites, radiusM, reachSec, out, firstRow: b.first });
      }
    }));
    const rows = new Float32Array(out);
    this.directAlongPiece(seeds, stores, rows, reachSec);
    return rows;
  }

  /** A commune on the same road piece as a store may reach it along the piece without a node: that time when shorter. */
  private directAlongPiece(seeds: CommuneSeeds, stores: SnappedPoint[], rows: Float32Array, reachSec: number) {
    const communeCount = this.communes.length;
    stores.forEach((store, s) => {
      for (const c of seeds.byPiece.get(store.piece) ?? []) {
        const direct = samePieceDurationMs(this.network.graph, seeds.snapped[c]!, store);
        if (!direct) continue;
        const sec = Math.max(0, direct.durationMs - seeds.accessMs[c]) / 1000;
        const cell = s * communeCount + c;
        if (!(rows[cell] <= sec) && sec <= reachSec) rows[cell] = sec;
      }
    });
  }

  private communeSeeds(view: RoutingNetwork, maxSnapM: number): CommuneSeeds {
    let seeds = this.initialised.get(maxSnapM);
    if (!seeds) {
      const { ch } = this.network;
      const snapped = snapPoints(view, this.communes.map((c) => [c.lon, c.lat] as LonLat));
      const offsets = new Uint32Array(snapped.length + 1);
      snapped.forEach((p, c) => (offsets[c + 1] = offsets[c] + (p?.departure.nodes.length ?? 0)));
      const sweep = restrictedSweep(ch, snapped);
      const local = shared(new Uint32Array(offsets[snapped.length]));
      const seedMs = shared(new Float64Array(offsets[snapped.length]));
      const accessMs = shared(new Float64Array(snapped.length));
      const byPiece = new Map<number, number[]>();
      snapped.forEach((p, c) => {
        if (!p) return;
        accessMs[c] = p.accessDurationMs;
        p.departure.nodes.forEach((v, i) => {
          local[offsets[c] + i] = sweep.localOfRank[ch.rankOfNode[v]];
          seedMs[offsets[c] + i] = p.departure.durationMs[i];
        });
        const list = byPiece.get(p.piece);
        if (list) list.push(c);
        else byPiece.set(p.piece, [c]);
      });
      const lonLat = shared(Float64Array.from(this.communes.flatMap((c) => [c.lon, c.lat])));
      seeds = { snapped, offsets: shared(offsets), local, seedMs, accessMs, lonLat, byPiece, localOfRank: sweep.localOfRank, sweep: sweep.sweep };
      this.initialised.set(maxSnapM, seeds);
    }
    return seeds;
  }

  /** Workers hold the restricted sweep and the commune seeds of the snap distance in use (shared memory). */
  private pool(seeds: CommuneSeeds): Worker[] {
    if (!this.workers) {
      this.workers = Array.from({ length: this.workerCount }, () => {
        const worker = new Worker(join(API_SRC_DIR, 'engine', 'store-times-worker.mjs'));
        worker.unref();
        return worker;
      });
    }
    if (this.activeSeeds !== seeds) {
      for (const w of this.workers) w.postMessage({ type: 'init', sweep: seeds.sweep, communes: communesMessage(seeds) });
      this.activeSeeds = seeds;
    }
    return this.workers;
  }

  async close(): Promise<void> {
    await Promise.all((this.workers ?? []).map((w) => w.terminate()));
    this.workers = null;
  }
}

function communesMessage(seeds: CommuneSeeds) {
  return { offsets: seeds.offsets, local: seeds.local, seedMs: seeds.seedMs, accessMs: seeds.accessMs, lonLat: seeds.lonLat, count: seeds.snapped.length };
}

/** One engine per loaded network (and commune list): created on first use, shared by every request. */
const engines = new WeakMap<RoutingNetwork, StoreTimesEngine>();

export function storeTimesEngine(network: RoutingNetwork, communes: () => readonly CommuneSite[]): StoreTimesEngine {
  let engine = engines.get(network);
  if (!engine) {
    engine = new StoreTimesEngine(network, communes());
    engines.set(network, engine);
  }
  return engine;
}
