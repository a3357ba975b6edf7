// Worker of the parallel bucket-CH matrix (plain JavaScript so that node, tsx and vitest can all
// start it without a TypeScript loader). Its forward upward search mirrors upward-search.ts and
// scanSources() in matrix.ts; test/domain/routing/parallel-matrix.test.ts checks they agree.
import { parentPort } from 'node:worker_threads';

let ch = null;
let labelMs = null;
let labelM = null;
let touched = null;
let settled = null;
let heapKeys = new Float64Array(1024);
let heapIds = new Int32Array(1024);

parentPort.on('message', (message) => {
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
    const count = forwardSearch(seeds, i);
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

let touchedCount = 0;
function forwardSearch(seeds, i) {
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
  const { upFirst, upTarget, upDurationMs, upDistanceM, downFirst, downSource, downDurationMs } = ch;
  let count = 0;
  while (size > 0) {
    const d = heapKeys[0];
    const u = pop();
    if (d > labelMs[u]) continue;
    let stalled = false;
    for (let e = downFirst[u]; e < downFirst[u + 1]; e++) {
      if (labelMs[downSource[e]] + downDurationMs[e] < d) { stalled = true; break; }
    }
    if (stalled) continue;
    settled[count++] = u;
    const m = labelM[u];
    for (let e = upFirst[u]; e < upFirst[u + 1]; e++) {
      const x = upTarget[e];
      const nd = d + upDurationMs[e];
      if (nd < labelMs[x]) {
        if (labelMs[x] === Infinity) touched[touchedCount++] = x;
        labelMs[x] = nd;
        labelM[x] = m + upDistanceM[e];
        push(nd, x);
      }
    }
  }
  return count;
}
