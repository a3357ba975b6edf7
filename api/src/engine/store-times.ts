/**
 * Store × commune drive times for trade areas (issue 14): customers drive FROM each commune TO each store.
 * Per store, one backward upward search (CH) on the calling thread, then restricted PHAST sweeps in worker threads,
 * K nearby stores per sweep, over the part of the hierarchy the communes within the batch's reach need
 * (store-times-worker.mjs); each commune reads its time at the road nearest its point (the isochrones' commune rule).
 * Rows are SPARSE (only the communes within reach: ≈ 6 % of the national table within 90 min), cached per (network,
 * snap distance, store position): a what-if that moves one store recomputes one row. A run gives the sparse table
 * (what the models read) and, on demand, the dense one. Off-network stores and communes get no time and a reason
 * — never an invented one.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { API_SRC_DIR } from '../paths.js';
import { snapPoints, type LonLat, type RoutingNetwork, type SnappedPoint } from '../domain/routing/index.js';
import { UpwardSearch } from '../domain/routing/ch/upward-search.js';
import { call, morton, restrictedSweep, shared } from './store-times-sweep.js';
import { samePieceDurationMs } from '../domain/routing/query/snap.js';
import { toDense, type SparseStoreTimes, type StoreTimes } from '../domain/areas/index.js';

/** Stores per PHAST sweep: one read of the hierarchy serves K trees (labels interleaved; the worker's stride, 16). */
const TREES_PER_SWEEP = 16;
/** Rows kept (sparse: ≈ 8 bytes per commune within reach, ≈ 17 kB for a 90-min row): the demo network twice over, what-ifs included. */
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
  /** The dense table (store-major, NaN where no time), built from `sparse` on first read. */
  readonly times: StoreTimes;
  /** The same times, sparse: per store only the communes within the cut-off (what the engine computes and caches). */
  sparse: SparseStoreTimes;
  /** Per store: where it met the road, or null (off network: its row is NaN). */
  storeSnaps: (SnappedPoint | null)[];
  /** Per commune: snapped or not (off network: its column is NaN). */
  communeSnapped: boolean[];
  /** Rows computed in this call (the others came from the cache). */
  computedRowCount: number;
  computeMs: number;
  /** Where the workers' time went in this call: ms summed over batches (thread CPU time on Linux, else wall) marking the reach, sweeping, reading communes. */
  workerMs: { mark: number; sweep: number; read: number; sweptNodeCount: number; batchCount: number };
}

/** The process's store-times engine over one road network: worker pool, commune seeds, row cache. */
export class StoreTimesEngine {
  private workers: Worker[] | null = null;
  private initialised = new Map<number, CommuneSeeds>();
  private activeSeeds: CommuneSeeds | null = null;
  /** Sparse rows (no cut-off applied) and the reach they were computed for: valid for any cut-off up to it. */
  private readonly rows = new Map<string, SparseRow>();
  /** Fastest speed on the graph (m/s): nothing beyond reachSec × this, crow-fly, can be within reachSec. */
  private readonly maxSpeedMps: number;
  private readonly search: UpwardSearch;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly network: RoutingNetwork,
    readonly communes: readonly CommuneSite[],
    readonly workerCount = Math.max(1, availableParallelism()),
    private readonly rowCacheSize = DEFAULT_ROW_CACHE,
    /** The sweep in WebAssembly SIMD when the runtime has it (false: the plain JavaScript loop, same labels). */
    private readonly simd = true,
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
    const workerMs = { mark: 0, sweep: 0, read: 0, sweptNodeCount: 0, batchCount: 0 };
    // This call's rows are read from here, not from the cache: with more stores than the cache holds, the first rows
    // computed would be evicted before being read (1,000 FINESS sites once left 4,324 communes "unreached").
    const fresh = new Map<string, SparseRow>();
    if (missing.length) {
      const sites = missing.map((k) => firstOf.get(k)!);
      const computed = await this.computeRows(seeds, sites.map((s) => storeSnaps[s]!), sites.map((s) => stores[s]), reachSec, maxSnapM, workerMs);
      missing.forEach((k, i) => fresh.set(k, computed[i]));
    }
    // The request's table: each store's row, cut at cutoffSec, concatenated (CSR by store).
    const cached = new Map<string, SparseRow>();
    for (const [s, k] of keys.entries()) {
      const row = storeSnaps[s] && !fresh.has(k) ? this.rows.get(k) : undefined;
      if (row) cached.set(k, row);
    }
    for (const [k, row] of fresh) this.remember(k, row);
    const used = stores.map((_, s) => {
      const entry = storeSnaps[s] ? (fresh.get(keys[s]) ?? cached.get(keys[s])) : undefined;
      if (entry && this.rows.get(keys[s]) === entry) {
        this.rows.delete(keys[s]); // LRU: used rows move to the end
        this.rows.set(keys[s], entry);
      }
      return entry;
    });
    const offsets = new Int32Array(stores.length + 1);
    used.forEach((e, s) => (offsets[s + 1] = offsets[s] + (!e ? 0 : cutoffSec >= e.reachSec ? e.sec.length : countWithin(e.sec, cutoffSec))));
    const commune = new Int32Array(offsets[stores.length]), sec = new Float32Array(offsets[stores.length]);
    used.forEach((e, s) => {
      if (!e) return;
      if (cutoffSec >= e.reachSec) { commune.set(e.commune, offsets[s]); sec.set(e.sec, offsets[s]); return; } // rows hold nothing beyond their reach
      for (let k = 0, p = offsets[s]; k < e.sec.length; k++) if (e.sec[k] <= cutoffSec) { commune[p] = e.commune[k]; sec[p] = e.sec[k]; p++; }
    });
    const sparse: SparseStoreTimes = { storeCount: stores.length, communeCount, offsets, commune, sec };
    let dense: StoreTimes | undefined;
    return {
      get times() { return (dense ??= toDense(sparse)); },
      sparse,
      storeSnaps,
      communeSnapped: seeds.snapped.map((p) => p !== null),
      computedRowCount: missing.length,
      computeMs: performance.now() - t0,
      workerMs,
    };
  }

  private remember(key: string, row: SparseRow) {
    this.rows.set(key, row);
    while (this.rows.size > this.rowCacheSize) this.rows.delete(this.rows.keys().next().value!);
  }

  /**
   * Sparse rows for snapped stores (times ≤ reachSec only): backward upward searches here, sweeps in the workers,
   * each restricted to the communes a batch's stores can reach at the graph's top speed (crow-fly).
   */
  private async computeRows(seeds: CommuneSeeds, stores: SnappedPoint[], sites: LonLat[], reachSec: number, maxSnapM: number, workerMs: StoreTimesRun['workerMs']): Promise<SparseRow[]> {
    // A commune's time starts at the road nearest its point (≤ maxSnapM away): the radius counts that too.
    const radiusM = reachSec * this.maxSpeedMps * 1.01 + maxSnapM + 500;
    // A batch's upward searches run here just before it is sent: the workers sweep while the next batches are prepared.
    const batch = (first: number) => {
      const k = Math.min(TREES_PER_SWEEP, stores.length - first);
      const ranks: number[] = [], ms: number[] = [];
      const seedOffsets = new Uint32Array(k + 1);
      for (let j = 0; j < k; j++) {
        const store = stores[first + j];
        this.search.run({ ranks: store.arrival.nodes.map((v) => this.network.ch.rankOfNode[v]), durationMs: store.arrival.durationMs, distanceM: store.arrival.distanceM });
        for (let i = 0; i < this.search.settledCount; i++) {
          const r = this.search.settled[i];
          const at = seeds.localOfRank[r];
          if (at < 0) continue; // no commune's time goes through this node
          ranks.push(at);
          ms.push(this.search.durationMs[r]);
        }
        seedOffsets[j + 1] = ranks.length;
      }
      return { k, seedOffsets, seedRanks: Uint32Array.from(ranks), seedMs: Float64Array.from(ms), sites: Float64Array.from(sites.slice(first, first + k).flat()) };
    };
    const rows: SparseRow[] = new Array(stores.length);
    const workers = this.pool(seeds);
    let next = 0;
    await Promise.all(workers.map(async (worker) => {
      while (next < stores.length) {
        const first = next;
        next += TREES_PER_SWEEP;
        const b = batch(first);
        const reply = await call<{ rowStart: Int32Array; commune: Int32Array; sec: Float32Array; phaseMs: number[]; sweptNodeCount: number }>(worker, { type: 'run', ...b, radiusM, reachSec });
        workerMs.mark += reply.phaseMs[0]; workerMs.sweep += reply.phaseMs[1]; workerMs.read += reply.phaseMs[2];
        workerMs.sweptNodeCount += reply.sweptNodeCount; workerMs.batchCount++;
        for (let j = 0; j < b.k; j++) {
          const from = reply.rowStart[j], to = reply.rowStart[j + 1];
          rows[first + j] = { commune: reply.commune.subarray(from, to), sec: reply.sec.subarray(from, to), reachSec };
        }
      }
    }));
    stores.forEach((store, s) => (rows[s] = this.directAlongPiece(seeds, store, rows[s])));
    return rows;
  }

  /** A commune on the same road piece as a store may reach it along the piece without a node: that time when shorter. */
  private directAlongPiece(seeds: CommuneSeeds, store: SnappedPoint, row: SparseRow): SparseRow {
    const better = new Map<number, number>();
    for (const c of seeds.byPiece.get(store.piece) ?? []) {
      const direct = samePieceDurationMs(this.network.graph, seeds.snapped[c]!, store);
      if (!direct) continue;
      const raw = Math.max(0, direct.durationMs - seeds.accessMs[c]) / 1000;
      if (!(raw <= row.reachSec)) continue;
      const sec = Math.fround(raw);
      const k = lowerBound(row.commune, c);
      const has = k < row.commune.length && row.commune[k] === c;
      if (has && row.sec[k] <= sec) continue;
      if (has) row.sec[k] = sec;
      else better.set(c, sec);
    }
    if (better.size === 0) return row;
    // Communes reached only along the piece: merged into the row, which stays in commune order.
    const n = row.commune.length + better.size;
    const commune = new Int32Array(n), sec = new Float32Array(n);
    const added = [...better.keys()].sort((a, b) => a - b);
    for (let i = 0, a = 0, p = 0; p < n; p++) {
      if (a < added.length && (i >= row.commune.length || added[a] < row.commune[i])) { commune[p] = added[a]; sec[p] = better.get(added[a])!; a++; }
      else { commune[p] = row.commune[i]; sec[p] = row.sec[i]; i++; }
    }
    return { commune, sec, reachSec: row.reachSec };
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
      for (const w of this.workers) w.postMessage({ type: 'init', sweep: seeds.sweep, communes: communesMessage(seeds), simd: this.simd });
      this.activeSeeds = seeds;
    }
    return this.workers;
  }

  async close(): Promise<void> {
    await Promise.all((this.workers ?? []).map((w) => w.terminate()));
    this.workers = null;
  }
}

/** One store's row: communes within reachSec in ascending order, their times (s), and the reach it was computed to. */
interface SparseRow { commune: Int32Array; sec: Float32Array; reachSec: number }

function countWithin(sec: Float32Array, maxSec: number): number {
  let n = 0;
  for (let k = 0; k < sec.length; k++) if (sec[k] <= maxSec) n++;
  return n;
}

/** First index of a sorted array whose value is ≥ x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
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
