import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { API_SRC_DIR } from '../../../paths.js';
import type { ContractionHierarchy } from '../ch/ch.js';
import type { NodeSeeds } from '../ch/ch-query.js';
import { buildTargetBuckets, chMatrix, type NodeMatrix, type TargetBuckets } from './matrix.js';
import { matrixFromNodes, snapPoints, type LonLat, type PointMatrix, type RoutingNetwork } from './network.js';
import { workerCall } from './worker-call.js';

type Typed = Float64Array | Float32Array | Uint32Array | Int32Array;

function shared<T extends Typed>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/**
 * Worker threads for big many-to-many matrices. The hierarchy is copied once into shared memory
 * for all workers; per matrix, the main thread builds the target buckets (backward searches) in
 * shared memory and each worker scans a contiguous block of source rows into one shared result.
 * Matrices under `minCells` run on the calling thread (chMatrix): starting work costs ~1 ms.
 */
export class MatrixWorkerPool {
  private readonly workers: Worker[];
  private readonly sharedCh: Record<string, Typed | number>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly ch: ContractionHierarchy, readonly workerCount = availableParallelism(), readonly minCells = 250_000) {
    const { upFirst, upTarget, upDurationMs, upDistanceM, downFirst, downSource, downDurationMs, downDistanceM } = ch;
    this.sharedCh = {
      nodeCount: ch.nodeCount,
      upFirst: shared(upFirst), upTarget: shared(upTarget), upDurationMs: shared(upDurationMs), upDistanceM: shared(upDistanceM),
      downFirst: shared(downFirst), downSource: shared(downSource), downDurationMs: shared(downDurationMs), downDistanceM: shared(downDistanceM),
    };
    this.workers = Array.from({ length: workerCount }, () => {
      const worker = new Worker(join(API_SRC_DIR, 'domain', 'routing', 'query', 'matrix-worker.mjs'));
      worker.postMessage({ type: 'init', ch: this.sharedCh });
      worker.unref();
      return worker;
    });
  }

  /** Matrices run one at a time on the pool (each worker answers one message at a time, in order). */
  matrix(sources: readonly NodeSeeds[], targets: readonly NodeSeeds[]): Promise<NodeMatrix> {
    if (sources.length * targets.length < this.minCells || this.workers.length === 0) return Promise.resolve(chMatrix(this.ch, sources, targets));
    const run = this.queue.then(() => this.run(sources, targets));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(sources: readonly NodeSeeds[], targets: readonly NodeSeeds[]): Promise<NodeMatrix> {
    const buckets = this.workers.length > 1 ? await this.parallelBuckets(targets) : buildTargetBuckets(this.ch, targets);
    const sharedBuckets: TargetBuckets = {
      targetCount: buckets.targetCount, first: shared(buckets.first), target: shared(buckets.target),
      durationMs: shared(buckets.durationMs), distanceM: shared(buckets.distanceM),
    };
    const cells = sources.length * targets.length;
    const resultMs = new SharedArrayBuffer(cells * 8);
    const resultM = new SharedArrayBuffer(cells * 8);
    new Float64Array(resultMs).fill(Infinity);
    const seeds = flattenSeeds(this.ch, sources);
    await Promise.all(this.slices(sources.length).map(([from, to], w) =>
      call(this.workers[w], { type: 'run', buckets: sharedBuckets, seeds, from, to, targetCount: targets.length, resultMs, resultM })));
    return { sourceCount: sources.length, targetCount: targets.length, durationMs: new Float64Array(resultMs), distanceM: new Float64Array(resultM) };
  }

  /** Backward searches split over the workers, merged rank by rank in target order (as buildTargetBuckets does). */
  private async parallelBuckets(targets: readonly NodeSeeds[]): Promise<TargetBuckets> {
    const seeds = flattenSeeds(this.ch, targets);
    const parts = await Promise.all(this.slices(targets.length).map(([from, to], w) => call(this.workers[w], { type: 'buckets', seeds, from, to })));
    const n = this.ch.nodeCount;
    const first = new Uint32Array(n + 1);
    for (const { entries } of parts) for (const r of entries.rank) first[r + 1]++;
    for (let r = 0; r < n; r++) first[r + 1] += first[r];
    const fill = first.slice(0, n);
    const total = first[n];
    const target = new Uint32Array(total);
    const durationMs = new Float64Array(total);
    const distanceM = new Float64Array(total);
    for (const { entries } of parts) {
      for (let k = 0; k < entries.rank.length; k++) {
        const slot = fill[entries.rank[k]]++;
        target[slot] = entries.target[k];
        durationMs[slot] = entries.durationMs[k];
        distanceM[slot] = entries.distanceM[k];
      }
    }
    return { targetCount: targets.length, first, target, durationMs, distanceM };
  }

  /** Contiguous [from, to) ranges, one per worker (empty ranges for surplus workers). */
  private slices(count: number): [number, number][] {
    const per = Math.ceil(count / this.workers.length);
    return this.workers.map((_, w) => [Math.min(count, w * per), Math.min(count, (w + 1) * per)]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

interface BucketEntries {
  rank: Uint32Array;
  target: Uint32Array;
  durationMs: Float64Array;
  distanceM: Float64Array;
}

const call = (worker: Worker, message: Record<string, unknown>) => workerCall<{ entries: BucketEntries }>(worker, message);

function flattenSeeds(ch: ContractionHierarchy, list: readonly NodeSeeds[]) {
  const offsets = new Uint32Array(list.length + 1);
  list.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.nodes.length));
  const ranks = new Uint32Array(offsets[list.length]);
  const durationMs = new Float64Array(ranks.length);
  const distanceM = new Float64Array(ranks.length);
  list.forEach((s, i) => s.nodes.forEach((node, k) => {
    ranks[offsets[i] + k] = ch.rankOfNode[node];
    durationMs[offsets[i] + k] = s.durationMs[k];
    distanceM[offsets[i] + k] = s.distanceM[k];
  }));
  return { offsets, ranks, durationMs, distanceM };
}

/** pointMatrix over a worker pool (same answers; use for matrices above ~500 × 500). */
export async function parallelPointMatrix(network: RoutingNetwork, pool: MatrixWorkerPool, sources: readonly LonLat[], targets: readonly LonLat[]): Promise<PointMatrix> {
  const s = snapPoints(network, sources);
  const t = snapPoints(network, targets);
  const empty: NodeSeeds = { nodes: [], durationMs: [], distanceM: [] };
  const m = await pool.matrix(s.map((p) => p?.departure ?? empty), t.map((p) => p?.arrival ?? empty));
  return matrixFromNodes(network.graph, m, s, t);
}
