import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ContractionHierarchy } from './ch.js';
import type { NodeSeeds } from './ch-query.js';
import { buildTargetBuckets, chMatrix, type NodeMatrix, type TargetBuckets } from './matrix.js';
import { matrixFromNodes, snapPoints, type LonLat, type PointMatrix, type RoutingNetwork } from './network.js';

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

  constructor(readonly ch: ContractionHierarchy, readonly workerCount = availableParallelism(), readonly minCells = 250_000) {
    const { upFirst, upTarget, upDurationMs, upDistanceM, downFirst, downSource, downDurationMs } = ch;
    this.sharedCh = {
      nodeCount: ch.nodeCount,
      upFirst: shared(upFirst), upTarget: shared(upTarget), upDurationMs: shared(upDurationMs), upDistanceM: shared(upDistanceM),
      downFirst: shared(downFirst), downSource: shared(downSource), downDurationMs: shared(downDurationMs),
    };
    this.workers = Array.from({ length: workerCount }, () => {
      const worker = new Worker(new URL('./matrix-worker.mjs', import.meta.url));
      worker.postMessage({ type: 'init', ch: this.sharedCh });
      worker.unref();
      return worker;
    });
  }

  async matrix(sources: readonly NodeSeeds[], targets: readonly NodeSeeds[]): Promise<NodeMatrix> {
    if (sources.length * targets.length < this.minCells || this.workers.length === 0) return chMatrix(this.ch, sources, targets);
    const buckets = buildTargetBuckets(this.ch, targets);
    const sharedBuckets: TargetBuckets = {
      targetCount: buckets.targetCount, first: shared(buckets.first), target: shared(buckets.target),
      durationMs: shared(buckets.durationMs), distanceM: shared(buckets.distanceM),
    };
    const cells = sources.length * targets.length;
    const resultMs = new SharedArrayBuffer(cells * 8);
    const resultM = new SharedArrayBuffer(cells * 8);
    new Float64Array(resultMs).fill(Infinity);
    const seeds = flattenSeeds(this.ch, sources);
    const per = Math.ceil(sources.length / this.workers.length);
    await Promise.all(this.workers.map((worker, w) => new Promise<void>((resolve, reject) => {
      const from = Math.min(sources.length, w * per);
      const to = Math.min(sources.length, from + per);
      if (from === to) return resolve();
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', () => {
        worker.off('error', onError);
        resolve();
      });
      worker.ref();
      worker.postMessage({ type: 'run', buckets: sharedBuckets, seeds, from, to, targetCount: targets.length, resultMs, resultM });
    }).finally(() => worker.unref())));
    return { sourceCount: sources.length, targetCount: targets.length, durationMs: new Float64Array(resultMs), distanceM: new Float64Array(resultM) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

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
