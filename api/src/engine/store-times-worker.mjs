// Worker of the store × commune drive-time engine (store-times.ts). Plain JavaScript so that node, tsx and
// vitest start it without a TypeScript loader (as domain/routing/query/matrix-worker.mjs).
//
// One message = a batch of up to K nearby stores: the main thread has run each store's backward upward search
// (CH, direction 'to': customers drive TO the store). Here:
// 1. keepReachable: the communes the batch can reach at all (crow-fly ≤ radiusM of one of its stores, radius =
//    reach × the graph's top speed), and the nodes their times depend on (upward closure of their seeds);
// 2. sweep: one restricted PHAST sweep over those nodes, renumbered densely, carries the K ≤ 16 trees at once
//    (labels interleaved node × 16: each edge is read once per batch); its inner loop runs in WebAssembly SIMD
//    (simdSweep, 4 trees per instruction, bit-identical labels) where the runtime has it;
// 3. readCommunes: each kept commune's time at its snapped road position — min over its departure seeds (seed leg
//    + node label), minus its own access leg (the isochrones' commune rule: time to the road nearest its point).
// The reply is SPARSE: per store, only the communes within the reach (≈ 5 % of all within 90 min), with their times,
// and the thread CPU time of each phase. test/api/areas.test.ts checks rows against the isochrone membership and the
// SIMD sweep against the JavaScript one; `npm run bench:areas` against a full reverse PHAST on the national graph.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

const M_PER_DEG = 111_320;
/** Trees per sweep at most, and the label stride (store-times.ts TREES_PER_SWEEP). */
const STRIDE = 16;
/** Integers up to 2^24 are exact in float32 (the labels' type): the SIMD kernel's durations are capped there. */
const EXACT_MS = 2 ** 24;
let sweep = null; // { count, first, target, durationMs }: the upward closure of all communes' seeds, highest rank first
let communes = null; // { offsets, local, seedMs, accessMs, lonLat, count }
let labels = new Float32Array(0);
let cellSec = new Float32Array(0);
let sweptCount = 0;
let marked, pos, order, candidates;

/** This thread's CPU time in ms where Linux says it (shared machines: wall time would count the other jobs), else wall time. */
const cpu = (() => {
  try {
    readFileSync('/proc/thread-self/schedstat', 'utf8');
    return () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return () => performance.now();
  }
})();
let simd = null; // { sweep(m), L } when WebAssembly SIMD is available (simdSweep), else the JavaScript sweep

parentPort.on('message', (message) => {
  if (message.type === 'init') {
    ({ sweep, communes } = message);
    marked = new Uint8Array(sweep.count);
    simd = message.simd === false ? null : simdSweep(sweep);
    pos = simd ? simd.pos : new Int32Array(sweep.count);
    order = simd ? simd.order : new Int32Array(sweep.count);
    if (simd) labels = simd.L;
    candidates = new Int32Array(communes.count);
    return;
  }
  const { k, sites, radiusM } = message;
  const t0 = cpu();
  const kept = keepReachable(k, sites, radiusM);
  const t1 = cpu();
  const L = runSweep(message);
  const t2 = cpu();
  const rows = readCommunes(k, kept, L, message);
  const phaseMs = [t1 - t0, t2 - t1, cpu() - t2];
  parentPort.postMessage({ type: 'done', ...rows, phaseMs, sweptNodeCount: sweptCount }, [rows.rowStart.buffer, rows.commune.buffer, rows.sec.buffer]);
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

/**
 * PHAST 'to' over the marked nodes, up to 16 trees at once (labels node-major, stride 16; unused trees stay
 * Infinity): a node's time to a store is the best over its upward edges. The 16 labels of the node being set live
 * in locals while its edges are read (one load per edge and tree instead of a load, a store and a load).
 */
function runSweep({ seedOffsets, seedRanks, seedMs, reachSec }) {
  const { count: n, first, target, durationMs } = sweep;
  const k = seedOffsets.length - 1;
  let m = 0;
  for (let i = 0; i < n; i++) if (marked[i]) { pos[i] = m; order[m++] = i; }
  sweptCount = m;
  if (labels.length < m * STRIDE) labels = new Float32Array(m * STRIDE); // (the SIMD labels hold every node already)
  const L = labels;
  L.fill(Infinity, 0, m * STRIDE);
  for (let j = 0; j < k; j++) {
    for (let s = seedOffsets[j]; s < seedOffsets[j + 1]; s++) {
      if (!marked[seedRanks[s]]) continue; // no kept commune's time goes through this node
      const cell = pos[seedRanks[s]] * STRIDE + j;
      if (seedMs[s] < L[cell]) L[cell] = seedMs[s];
    }
  }
  if (simd && reachSec * 1000 < EXACT_MS) {
    simd.sweep(m);
    return L;
  }
  for (let x = 0; x < m; x++) {
    const i = order[x];
    const e0 = first[i], e1 = first[i + 1];
    if (e0 === e1) continue;
    const b = x * STRIDE;
    let a0 = L[b + 0], a1 = L[b + 1], a2 = L[b + 2], a3 = L[b + 3], a4 = L[b + 4], a5 = L[b + 5], a6 = L[b + 6], a7 = L[b + 7], a8 = L[b + 8], a9 = L[b + 9], a10 = L[b + 10], a11 = L[b + 11], a12 = L[b + 12], a13 = L[b + 13], a14 = L[b + 14], a15 = L[b + 15];
    let t = 0;
    for (let e = e0; e < e1; e++) {
      const o = pos[target[e]] * STRIDE;
      const w = durationMs[e];
      t = L[o + 0] + w; if (t < a0) a0 = t;
      t = L[o + 1] + w; if (t < a1) a1 = t;
      t = L[o + 2] + w; if (t < a2) a2 = t;
      t = L[o + 3] + w; if (t < a3) a3 = t;
      t = L[o + 4] + w; if (t < a4) a4 = t;
      t = L[o + 5] + w; if (t < a5) a5 = t;
      t = L[o + 6] + w; if (t < a6) a6 = t;
      t = L[o + 7] + w; if (t < a7) a7 = t;
      t = L[o + 8] + w; if (t < a8) a8 = t;
      t = L[o + 9] + w; if (t < a9) a9 = t;
      t = L[o + 10] + w; if (t < a10) a10 = t;
      t = L[o + 11] + w; if (t < a11) a11 = t;
      t = L[o + 12] + w; if (t < a12) a12 = t;
      t = L[o + 13] + w; if (t < a13) a13 = t;
      t = L[o + 14] + w; if (t < a14) a14 = t;
      t = L[o + 15] + w; if (t < a15) a15 = t;
    }
    L[b + 0] = a0; L[b + 1] = a1; L[b + 2] = a2; L[b + 3] = a3; L[b + 4] = a4; L[b + 5] = a5; L[b + 6] = a6; L[b + 7] = a7; L[b + 8] = a8; L[b + 9] = a9; L[b + 10] = a10; L[b + 11] = a11; L[b + 12] = a12; L[b + 13] = a13; L[b + 14] = a14; L[b + 15] = a15;
  }
  return L;
}

/**
 * Seconds from each kept commune (its road position) to each store of the batch, within reachSec only: per store,
 * the communes in ascending order (candidates are) and their times — the sparse rows the engine caches.
 */
function readCommunes(k, kept, L, { reachSec }) {
  const { offsets, local, seedMs, accessMs } = communes;
  if (cellSec.length < kept * STRIDE) cellSec = new Float32Array(kept * STRIDE);
  const count = new Int32Array(STRIDE);
  for (let x = 0; x < kept; x++) {
    const c = candidates[x];
    let b0 = Infinity, b1 = Infinity, b2 = Infinity, b3 = Infinity, b4 = Infinity, b5 = Infinity, b6 = Infinity, b7 = Infinity, b8 = Infinity, b9 = Infinity, b10 = Infinity, b11 = Infinity, b12 = Infinity, b13 = Infinity, b14 = Infinity, b15 = Infinity;
    for (let s = offsets[c]; s < offsets[c + 1]; s++) {
      const o = pos[local[s]] * STRIDE, leg = seedMs[s];
      let t = 0;
      t = L[o + 0] + leg; if (t < b0) b0 = t;
      t = L[o + 1] + leg; if (t < b1) b1 = t;
      t = L[o + 2] + leg; if (t < b2) b2 = t;
      t = L[o + 3] + leg; if (t < b3) b3 = t;
      t = L[o + 4] + leg; if (t < b4) b4 = t;
      t = L[o + 5] + leg; if (t < b5) b5 = t;
      t = L[o + 6] + leg; if (t < b6) b6 = t;
      t = L[o + 7] + leg; if (t < b7) b7 = t;
      t = L[o + 8] + leg; if (t < b8) b8 = t;
      t = L[o + 9] + leg; if (t < b9) b9 = t;
      t = L[o + 10] + leg; if (t < b10) b10 = t;
      t = L[o + 11] + leg; if (t < b11) b11 = t;
      t = L[o + 12] + leg; if (t < b12) b12 = t;
      t = L[o + 13] + leg; if (t < b13) b13 = t;
      t = L[o + 14] + leg; if (t < b14) b14 = t;
      t = L[o + 15] + leg; if (t < b15) b15 = t;
    }
    const a = accessMs[c], base = x * STRIDE;
    let v = 0; // seconds, compared with the reach before rounding to float32 (as stored)
    v = Math.max(0, b0 - a) / 1000; if (v <= reachSec) { cellSec[base + 0] = v; count[0]++; } else cellSec[base + 0] = NaN;
    v = Math.max(0, b1 - a) / 1000; if (v <= reachSec) { cellSec[base + 1] = v; count[1]++; } else cellSec[base + 1] = NaN;
    v = Math.max(0, b2 - a) / 1000; if (v <= reachSec) { cellSec[base + 2] = v; count[2]++; } else cellSec[base + 2] = NaN;
    v = Math.max(0, b3 - a) / 1000; if (v <= reachSec) { cellSec[base + 3] = v; count[3]++; } else cellSec[base + 3] = NaN;
    v = Math.max(0, b4 - a) / 1000; if (v <= reachSec) { cellSec[base + 4] = v; count[4]++; } else cellSec[base + 4] = NaN;
    v = Math.max(0, b5 - a) / 1000; if (v <= reachSec) { cellSec[base + 5] = v; count[5]++; } else cellSec[base + 5] = NaN;
    v = Math.max(0, b6 - a) / 1000; if (v <= reachSec) { cellSec[base + 6] = v; count[6]++; } else cellSec[base + 6] = NaN;
    v = Math.max(0, b7 - a) / 1000; if (v <= reachSec) { cellSec[base + 7] = v; count[7]++; } else cellSec[base + 7] = NaN;
    v = Math.max(0, b8 - a) / 1000; if (v <= reachSec) { cellSec[base + 8] = v; count[8]++; } else cellSec[base + 8] = NaN;
    v = Math.max(0, b9 - a) / 1000; if (v <= reachSec) { cellSec[base + 9] = v; count[9]++; } else cellSec[base + 9] = NaN;
    v = Math.max(0, b10 - a) / 1000; if (v <= reachSec) { cellSec[base + 10] = v; count[10]++; } else cellSec[base + 10] = NaN;
    v = Math.max(0, b11 - a) / 1000; if (v <= reachSec) { cellSec[base + 11] = v; count[11]++; } else cellSec[base + 11] = NaN;
    v = Math.max(0, b12 - a) / 1000; if (v <= reachSec) { cellSec[base + 12] = v; count[12]++; } else cellSec[base + 12] = NaN;
    v = Math.max(0, b13 - a) / 1000; if (v <= reachSec) { cellSec[base + 13] = v; count[13]++; } else cellSec[base + 13] = NaN;
    v = Math.max(0, b14 - a) / 1000; if (v <= reachSec) { cellSec[base + 14] = v; count[14]++; } else cellSec[base + 14] = NaN;
    v = Math.max(0, b15 - a) / 1000; if (v <= reachSec) { cellSec[base + 15] = v; count[15]++; } else cellSec[base + 15] = NaN;
  }
  // Per store, its communes in ascending order (candidates are): one pass, each store writing at its own cursor.
  const rowStart = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) rowStart[j + 1] = rowStart[j] + count[j];
  const commune = new Int32Array(rowStart[k]), sec = new Float32Array(rowStart[k]);
  const cursor = rowStart.slice(0, k);
  for (let x = 0; x < kept; x++) {
    const base = x * STRIDE;
    for (let j = 0; j < k; j++) {
      const t = cellSec[base + j];
      if (t === t) { const p = cursor[j]++; commune[p] = candidates[x]; sec[p] = t; }
    }
  }
  return { rowStart, commune, sec };
}

/**
 * The sweep's inner loop in WebAssembly SIMD (f32x4: 4 trees per instruction, the 16 labels of a node in 4
 * registers), built here byte by byte — no toolchain, no binary file. Same arithmetic as the JavaScript loop: the
 * labels are float32 either way, an f32 add of a float32 label and an integer duration < 2^24 is the correctly
 * rounded sum (as the f64 sum stored into float32), and min commutes with that rounding — so the labels are
 * identical, bit for bit (durations capped at 2^24 ms, see below). The hierarchy's arrays are copied once into the module's memory; pos, order and the
 * labels live there too (views returned). Null when WebAssembly SIMD is unavailable.
 *
 *   sweep(m): for x < m: i = order[x]; a[0..3] = L[x·16 …]; for e in first[i] … first[i+1]:
 *               o = pos[target[e]]·16; a[q] = min(a[q], L[o + 4q …] + dur[e]); L[x·16 …] = a
 */
function simdSweep({ count, first, target, durationMs }) {
  if (typeof WebAssembly !== 'object') return null;
  const E = target.length;
  // Layout (bytes, 16-aligned): first (count+1) | target (E) | dur f32 (E) | pos (count) | order (count) | labels (count·16 f32)
  const align = (x) => Math.ceil(x / 16) * 16;
  const firstAt = 0, targetAt = align(firstAt + (count + 1) * 4), durAt = align(targetAt + E * 4);
  const posAt = align(durAt + E * 4), orderAt = align(posAt + count * 4), labelsAt = align(orderAt + count * 4);
  const bytes = labelsAt + count * STRIDE * 4;
  const pages = Math.ceil(bytes / 65536);
  let instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(sweepModule(pages)), {});
  } catch {
    return null; // no SIMD in this runtime
  }
  const { memory, sweep: run } = instance.exports;
  const buffer = memory.buffer;
  new Uint32Array(buffer, firstAt, count + 1).set(first);
  new Uint32Array(buffer, targetAt, E).set(target);
  // A duration ≥ 2^24 ms (4.7 h: a few ferry shortcuts) is stored as 2^24: every label through it is ≥ 2^24 ms
  // either way, and the kernel runs only for reaches below that (runSweep), so no kept time changes.
  const dur = new Float32Array(buffer, durAt, E);
  for (let e = 0; e < E; e++) dur[e] = Math.min(durationMs[e], EXACT_MS);
  return {
    pos: new Int32Array(buffer, posAt, count),
    order: new Int32Array(buffer, orderAt, count),
    L: new Float32Array(buffer, labelsAt, count * STRIDE),
    sweep: (m) => run(m, firstAt, targetAt, durAt, posAt, orderAt, labelsAt),
  };
}

/** The module of simdSweep: one function sweep(m, first, target, dur, pos, order, L) and its memory, exported. */
function sweepModule(pages) {
  const uleb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const section = (id, body) => [id, ...uleb(body.length), ...body];
  const str = (t) => [...uleb(t.length), ...Buffer.from(t)];
  // locals: 0 m, 1 first, 2 target, 3 dur, 4 pos, 5 order, 6 L | 7 x, 8 i, 9 e, 10 e1, 11 b, 12 o | 13 w, 14–17 a0–a3
  const [m, first, target, dur, pos, order, L, x, i, e, e1, b, o, w] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const get = (l) => [0x20, l], set = (l) => [0x21, l], tee = (l) => [0x22, l];
  const i32 = (n) => [0x41, ...uleb(n)]; // small non-negative constants only (< 64: signed LEB is the same)
  const add = 0x6a, shl = 0x74, geU = 0x4f, eq = 0x46;
  const load32 = (off) => [0x28, 2, ...uleb(off)], loadF32 = [0x2a, 2, 0];
  const v128Load = (off) => [0xfd, 0x00, 4, ...uleb(off)], v128Store = (off) => [0xfd, 0x0b, 4, ...uleb(off)];
  const splat = [0xfd, 0x13], fadd = [0xfd, 0xe4, 0x01], fmin = [0xfd, 0xe8, 0x01];
  const at4 = (base, idx) => [...get(base), ...get(idx), ...i32(2), shl, add]; // base + idx·4
  const code = [
    0x02, 0x40, 0x03, 0x40, // block $done, loop $nodes
    ...get(x), ...get(m), geU, 0x0d, 1, // if x ≥ m: break
    ...get(order), ...get(x), ...i32(2), shl, add, ...load32(0), ...set(i),
    ...at4(first, i), ...tee(o), ...load32(0), ...set(e), ...get(o), ...load32(4), ...set(e1),
    ...get(L), ...get(x), ...i32(6), shl, add, ...set(b), // b = L + x·64
    ...get(x), ...i32(1), add, ...set(x),
    ...get(e), ...get(e1), eq, 0x0d, 0, // no upward edge: next node
    ...[0, 1, 2, 3].flatMap((q) => [...get(b), ...v128Load(16 * q), ...set(14 + q)]),
    0x02, 0x40, 0x03, 0x40, // block $edone, loop $edges
    ...get(e), ...get(e1), geU, 0x0d, 1,
    ...get(L), ...get(pos), ...at4(target, e), ...load32(0), ...i32(2), shl, add, ...load32(0), ...i32(6), shl, add, ...set(o),
    ...at4(dur, e), ...loadF32, ...splat, ...set(w),
    ...[0, 1, 2, 3].flatMap((q) => [...get(14 + q), ...get(o), ...v128Load(16 * q), ...get(w), ...fadd, ...fmin, ...set(14 + q)]),
    ...get(e), ...i32(1), add, ...set(e),
    0x0c, 0, 0x0b, 0x0b, // br $edges; end loop; end block
    ...[0, 1, 2, 3].flatMap((q) => [...get(b), ...get(14 + q), ...v128Store(16 * q)]),
    0x0c, 0, 0x0b, 0x0b, // br $nodes; end loop; end block
    0x0b, // end function
  ];
  const body = [2, 6, 0x7f, 5, 0x7b, ...code]; // locals: 6 × i32, 5 × v128
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 7, ...Array(7).fill(0x7f), 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(pages)]),
    ...section(7, [2, ...str('sweep'), 0x00, 0, ...str('memory'), 0x02, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}
