// Worker of the parallel bucket-CH matrix (plain JavaScript so that node, tsx and vitest can all
// start it without a TypeScript loader). Its upward searches mirror upward-search.ts, its bucket
// building buildTargetBuckets() and its row scan scanSources() in matrix.ts;
// test/domain/routing/parallel-matrix.test.ts checks they agree.
import { parentPort } from 'node:worker_threads';

let ch = null;
let labelMs = null;
let labelM = null;
let touched = null;
let settled = null;
let heapKeys = new Float64Array(1024);
let heapIds = new Int32Array(1024);

parentPort.on('message', (message) => {
  if (message.type === 'buckets') {
    // backward searches of targets [from, to): bucket entries (rank, target, ms, m) for the main thread to merge
    const { seeds, from, to } = message;
    const rank = [], target = [], ms = [], m = [];
    for (let j = from; j < to; j++) {
      const count = search(seeds, j, backwardArrays());
      for (let k = 0; k < count; k++) {
        const r = settled[k];
        rank.push(r); target.push(j); ms.push(labelMs[r]); m.push(labelM[r]);
      }
    }
    const out = { rank: Uint32Array.from(rank), target: Uint32Array.from(target), durationMs: Float64Array.from(ms), distanceM: Float64Array.from(m) };
    parentPort.postMessage({ type: 'done', entries: out }, [out.rank.buffer, out.target.buffer, out.durationMs.buffer, out.distanceM.buffer]);
    return;
  }
  if (message.type === 'init') {
    ch = message.ch;
    labelMs = new Float64Array(ch.nodeCount).fill(Infinity);
    labelM = new Float64Array(ch.nodeCount);
    touched = new Int32Array(ch.nodeCount);
    settled = new Int32Array(ch.nodeCount);
    return;
  }
  const { buckets, seeds, from, to, targetCount, resultMs, resultM } = message;
  const outMs = new Float64Array(resultMs);
  const outM = new Float64Array(resultM);
  for (let i = from; i < to; i++) {
    const count = search(seeds, i, forwardArrays());
    const row = i * targetCount;
    for (let k = 0; k < count; k++) {
      const r = settled[k];
      const d = labelMs[r];
      const dm = labelM[r];
      for (let b = buckets.first[r]; b < buckets.first[r + 1]; b++) {
        const cell = row + buckets.target[b];
        const total = d + buckets.durationMs[b];
        if (total < outMs[cell]) {
          outMs[cell] = total;
          outM[cell] = dm + buckets.distanceM[b];
        }
      }
    }
  }
  parentPort.postMessage({ type: 'done' });
});

/** Edges a search climbs and edges it checks for stalling, by direction (see upward-search.ts). */
function forwardArrays() {
  return { climbFirst: ch.upFirst, climbOther: ch.upTarget, climbMs: ch.upDurationMs, climbM: ch.upDistanceM, stallFirst: ch.downFirst, stallOther: ch.downSource, stallMs: ch.downDurationMs };
}
function backwardArrays() {
  return { climbFirst: ch.downFirst, climbOther: ch.downSource, climbMs: ch.downDurationMs, climbM: ch.downDistanceM, stallFirst: ch.upFirst, stallOther: ch.upTarget, stallMs: ch.upDurationMs };
}

let touchedCount = 0;
function search(seeds, i, arrays) {
  for (let k = 0; k < touchedCount; k++) labelMs[touched[k]] = Infinity;
  touchedCount = 0;
  let size = 0;
  const push = (key, id) => {
    if (size === heapKeys.length) {
      const keys = new Float64Array(size * 2); keys.set(heapKeys); heapKeys = keys;
      const ids = new Int32Array(size * 2); ids.set(heapIds); heapIds = ids;
    }
    let j = size++;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (heapKeys[parent] <= key) break;
      heapKeys[j] = heapKeys[parent]; heapIds[j] = heapIds[parent]; j = parent;
    }
    heapKeys[j] = key; heapIds[j] = id;
  };
  const pop = () => {
    const top = heapIds[0];
    const n = --size;
    if (n === 0) return top;
    const key = heapKeys[n], id = heapIds[n];
    let j = 0;
    for (;;) {
      let c = 2 * j + 1;
      if (c >= n) break;
      if (c + 1 < n && heapKeys[c + 1] < heapKeys[c]) c++;
      if (heapKeys[c] >= key) break;
      heapKeys[j] = heapKeys[c]; heapIds[j] = heapIds[c]; j = c;
    }
    heapKeys[j] = key; heapIds[j] = id;
    return top;
  };
  for (let s = seeds.offsets[i]; s < seeds.offsets[i + 1]; s++) {
    const r = seeds.ranks[s];
    if (seeds.durationMs[s] >= labelMs[r]) continue;
    if (labelMs[r] === Infinity) touched[touchedCount++] = r;
    labelMs[r] = seeds.durationMs[s];
    labelM[r] = seeds.distanceM[s];
    push(labelMs[r], r);
  }
  const { climbFirst, climbOther, climbMs, climbM, stallFirst, stallOther, stallMs } = arrays;
  let count = 0;
  while (size > 0) {
    const d = heapKeys[0];
    const u = pop();
    if (d > labelMs[u]) continue;
    let stalled = false;
    for (let e = stallFirst[u]; e < stallFirst[u + 1]; e++) {
      if (labelMs[stallOther[e]] + stallMs[e] < d) { stalled = true; break; }
    }
    if (stalled) continue;
    settled[count++] = u;
    const m = labelM[u];
    for (let e = climbFirst[u]; e < climbFirst[u + 1]; e++) {
      const x = climbOther[e];
      const nd = d + climbMs[e];
      if (nd < labelMs[x]) {
        if (labelMs[x] === Infinity) touched[touchedCount++] = x;
        labelMs[x] = nd;
        labelM[x] = m + climbM[e];
        push(nd, x);
      }
    }
  }
  return count;
}
