// Worker of the store × commune drive-time engine (store-times.ts). Plain JavaScript so that node, tsx and
// vitest start it without a TypeScript loader (as domain/routing/query/matrix-worker.mjs).
//
// One message = a batch of up to K nearby stores: the main thread has run each store's backward upward search
// (CH, direction 'to': customers drive TO the store). Here:
// 1. keepReachable: the communes the batch can reach at all (crow-fly ≤ radiusM of one of its stores, radius =
//    reach × the graph's top speed), and the nodes their times depend on (upward closure of their seeds);
// 2. sweep: one restricted PHAST sweep over those nodes, renumbered densely, carries the K trees at once (labels
//    interleaved node × K: each edge is read once per batch, and 16 trees × ≈ 40,000 nodes stay in cache);
// 3. readCommunes: each kept commune's time at its snapped road position — min over its departure seeds (seed leg
//    + node label), minus its own access leg (the isochrones' commune rule: time to the road nearest its point).
// Other communes, and times beyond the reach, are NaN. test/api/areas.test.ts checks rows against the isochrone
// membership; `npm run bench:areas` against a full reverse PHAST on the national graph.
import { parentPort } from 'node:worker_threads';

const M_PER_DEG = 111_320;
let sweep = null; // { count, first, target, durationMs }: the upward closure of all communes' seeds, highest rank first
let communes = null; // { offsets, local, seedMs, accessMs, lonLat, count }
let labels = new Float32Array(0);
let marked, pos, order, candidates;

parentPort.on('message', (message) => {
  if (message.type === 'init') {
    ({ sweep, communes } = message);
    marked = new Uint8Array(sweep.count);
    pos = new Int32Array(sweep.count);
    order = new Int32Array(sweep.count);
    candidates = new Int32Array(communes.count);
    return;
  }
  const { k, sites, radiusM } = message;
  const kept = keepReachable(k, sites, radiusM);
  const L = runSweep(k, message);
  readCommunes(k, kept, L, message);
  parentPort.postMessage({ type: 'done' });
});

/** Marks the communes within radiusM of a store of the batch (box test first) and the nodes they need; returns their count. */
function keepReachable(k, sites, radiusM) {
  const { offsets, local, lonLat, count } = communes;
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  for (let j = 0; j < k; j++) {
    west = Math.min(west, sites[2 * j]); east = Math.max(east, sites[2 * j]);
    south = Math.min(south, sites[2 * j + 1]); north = Math.max(north, sites[2 * j + 1]);
  }
  const dLat = radiusM / M_PER_DEG;
  const dLon = radiusM / (M_PER_DEG * Math.max(0.05, Math.cos((Math.max(Math.abs(south - dLat), Math.abs(north + dLat)) * Math.PI) / 180)));
  marked.fill(0);
  let kept = 0;
  for (let c = 0; c < count; c++) {
    if (offsets[c] === offsets[c + 1]) continue; // off the network
    const lon = lonLat[2 * c], lat = lonLat[2 * c + 1];
    if (lon < west - dLon || lon > east + dLon || lat < south - dLat || lat > north + dLat) continue;
    const mPerDegLon = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
    for (let j = 0; j < k; j++) {
      const dx = (lon - sites[2 * j]) * mPerDegLon, dy = (lat - sites[2 * j + 1]) * M_PER_DEG;
      if (dx * dx + dy * dy <= radiusM * radiusM) {
        candidates[kept++] = c;
        for (let s = offsets[c]; s < offsets[c + 1]; s++) marked[local[s]] = 1;
        break;
      }
    }
  }
  // Upward closure: sweep indices run from the highest rank down, so an upward edge points to a smaller index.
  const { first, target } = sweep;
  for (let i = sweep.count - 1; i >= 0; i--) {
    if (!marked[i]) continue;
    for (let e = first[i]; e < first[i + 1]; e++) marked[target[e]] = 1;
  }
  return kept;
}

/** PHAST 'to' over the marked nodes, K trees at once: a node's time to a store is the best over its upward edges. */
function runSweep(k, { seedOffsets, seedRanks, seedMs }) {
  const { count: n, first, target, durationMs } = sweep;
  let m = 0;
  for (let i = 0; i < n; i++) if (marked[i]) { pos[i] = m; order[m++] = i; }
  if (labels.length < m * k) labels = new Float32Array(m * k);
  const L = labels;
  L.fill(Infinity, 0, m * k);
  for (let j = 0; j < k; j++) {
    for (let s = seedOffsets[j]; s < seedOffsets[j + 1]; s++) {
      if (!marked[seedRanks[s]]) continue; // no kept commune's time goes through this node
      const cell = pos[seedRanks[s]] * k + j;
      if (seedMs[s] < L[cell]) L[cell] = seedMs[s];
    }
  }
  for (let x = 0; x < m; x++) {
    const i = order[x];
    const base = x * k;
    for (let e = first[i], end = first[i + 1]; e < end; e++) {
      const o = pos[target[e]] * k;
      const w = durationMs[e];
      for (let j = 0; j < k; j++) L[base + j] = Math.min(L[base + j], L[o + j] + w);
    }
  }
  return L;
}

/** Seconds from each kept commune (its road position) to each store of the batch; NaN elsewhere and beyond reachSec. */
function readCommunes(k, kept, L, { out, firstRow, reachSec }) {
  const { offsets, local, seedMs, accessMs, count } = communes;
  const rows = new Float32Array(out);
  rows.fill(NaN, firstRow * count, (firstRow + k) * count);
  for (let x = 0; x < kept; x++) {
    const c = candidates[x];
    for (let j = 0; j < k; j++) {
      let best = Infinity;
      for (let s = offsets[c]; s < offsets[c + 1]; s++) best = Math.min(best, L[pos[local[s]] * k + j] + seedMs[s]);
      const sec = Math.max(0, best - accessMs[c]) / 1000;
      if (sec <= reachSec) rows[(firstRow + j) * count + c] = sec;
    }
  }
}
