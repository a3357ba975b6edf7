/**
 * Helpers of the store-times engine (store-times.ts): the restricted sweep's structure, the batch order of stores,
 * and the plumbing to worker threads (shared memory, one request at a time).
 */
import type { ContractionHierarchy, LonLat, SnappedPoint } from '../domain/routing/index.js';

/** Z-order of a point (cells of ≈ 0.5 km): sorting by it keeps a batch's stores close together. */
export function morton([lon, lat]: LonLat): number {
  const x = Math.max(0, Math.min(65535, Math.round(((lon + 180) / 360) * 65535)));
  const y = Math.max(0, Math.min(65535, Math.round(((lat + 90) / 180) * 65535)));
  let z = 0;
  for (let b = 15; b >= 0; b--) z = z * 4 + (((x >> b) & 1) << 1) + ((y >> b) & 1);
  return z;
}

type Typed = Float64Array | Float32Array | Uint32Array | Int32Array;

/** The array in shared memory (copied once), for worker threads. */
export function shared<T extends Typed>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/** The upward closure of the communes' departure seeds, renumbered highest rank first, with its upward edges. */
export function restrictedSweep(ch: ContractionHierarchy, snapped: readonly (SnappedPoint | null)[]) {
  const n = ch.nodeCount;
  const inside = new Uint8Array(n);
  for (const p of snapped) if (p) for (const v of p.departure.nodes) inside[ch.rankOfNode[v]] = 1;
  let count = 0, edgeCount = 0;
  for (let r = 0; r < n; r++) {
    if (!inside[r]) continue;
    count++;
    edgeCount += ch.upFirst[r + 1] - ch.upFirst[r];
    for (let e = ch.upFirst[r]; e < ch.upFirst[r + 1]; e++) inside[ch.upTarget[e]] = 1;
  }
  const localOfRank = new Int32Array(n).fill(-1);
  for (let r = n - 1, i = 0; r >= 0; r--) if (inside[r]) localOfRank[r] = i++;
  const first = shared(new Uint32Array(count + 1));
  const target = shared(new Uint32Array(edgeCount));
  const durationMs = shared(new Uint32Array(edgeCount));
  for (let r = n - 1, i = 0, e2 = 0; r >= 0; r--) {
    if (!inside[r]) continue;
    for (let e = ch.upFirst[r]; e < ch.upFirst[r + 1]; e++, e2++) {
      target[e2] = localOfRank[ch.upTarget[e]];
      durationMs[e2] = ch.upDurationMs[e];
    }
    first[++i] = e2;
  }
  return { localOfRank, sweep: { count, first, target, durationMs } };
}

export { workerCall as call } from '../domain/routing/query/worker-call.js';
