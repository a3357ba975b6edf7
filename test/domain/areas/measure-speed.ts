/**
 * Speed sanity measure of the pure trade-area domain (not a test, prints figures; no assertion on time):
 *   npx tsx test/domain/areas/measure-speed.ts
 * Synthetic market (labelled synthetic): 300 stores × 34,727 communes in a square (argv[2] km, default 500), crow-fly × 1.3 at 60 km/h,
 * cut-off 90 min; 100,000 customers drawn from a Huff model. Times exclude the drive-time matrix (helper C's bench).
 */
import { calibrateMci, calibrateMl, customerAreas, exclusiveAreas, huff, overlappingBands, whatIfDelta } from '../../../api/src/domain/areas/index.js';
import { drawCustomers, syntheticMarket } from './synthetic.js';

const S = 300, C = 34_727;
const sideKm = Number(process.argv[2] ?? 500); // 500 km: ≈ 6 % of pairs within 90 min; 100: all of them (worst case)
const m = syntheticMarket(14, S, C, sideKm, 90);
const own = new Uint8Array(S).map((_, s) => (s < 120 ? 1 : 0));
const best = (label: string, f: () => unknown, runs = 3) => {
  let min = Infinity;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); f(); min = Math.min(min, performance.now() - t0); }
  console.log(`${label.padEnd(52)} ${min.toFixed(0).padStart(6)} ms (best of ${runs})`);
};
let reachable = 0;
for (const t of m.times.sec) if (t === t) reachable++;
console.log(`market: ${S} stores × ${C} communes, ${(reachable / (S * C) * 100).toFixed(1)} % pairs within 90 min`);
best('huff power (γ 1.2, λ 2)', () => huff(m.times, m.attractiveness, m.population, own, { gamma: 1.2, decay: { kind: 'power', lambda: 2 } }));
best('huff exponential (γ 1.2, λ 0.1)', () => huff(m.times, m.attractiveness, m.population, own, { gamma: 1.2, decay: { kind: 'exponential', lambda: 0.1 } }));
best('exclusiveAreas (cut-off 90 min)', () => exclusiveAreas(m.times, 5400));
best('overlappingBands (15/30/45/60 min)', () => overlappingBands(m.times, [900, 1800, 2700, 3600]));

const share = 100_000 / (0.4 * m.population.reduce((a, b) => a + b, 0)); // own stores get ≈ 40 %
const all = drawCustomers(m, 1.2, { kind: 'power', lambda: 2 }, share, 1);
const keep = Array.from(all.store, (s) => s < 120); // the user's customers: own stores only
const obs = { store: all.store.filter((_, i) => keep[i]), commune: all.commune.filter((_, i) => keep[i]), count: all.count.filter((_, i) => keep[i]) };
const customers = obs.count.reduce((a, b) => a + b, 0);
// as rows: one row per customer (what the service reads from a customer layer)
const n = Math.round(customers);
const rows = { store: new Int32Array(n), commune: new Int32Array(n), count: new Float64Array(n).fill(1) };
for (let i = 0, k = 0; i < obs.count.length; i++) for (let j = 0; j < obs.count[i]; j++, k++) { rows.store[k] = obs.store[i]; rows.commune[k] = obs.commune[i]; }
console.log(`customers: ${n} rows (own stores only, drawn with γ 1.2, λ 2), ${obs.count.length} (store, commune) pairs`);
let fit: ReturnType<typeof calibrateMl> | undefined;
best('calibrateMl on those rows (aggregation included)', () => { fit = calibrateMl(m.times, m.attractiveness, rows, 'power'); });
console.log(`  → γ ${fit!.gamma.toFixed(3)}, λ ${fit!.lambda.toFixed(3)}, ${fit!.iterations} iterations, pseudo-R² ${fit!.pseudoR2!.toFixed(3)}`);
let mci: ReturnType<typeof calibrateMci> | undefined;
best('calibrateMci on those rows', () => { mci = calibrateMci(m.times, m.attractiveness, rows, 'power'); });
console.log(`  → γ ${mci!.gamma.toFixed(3)}, λ ${mci!.lambda.toFixed(3)}, R² ${mci!.r2!.toFixed(3)}; ${mci!.warnings.join(' | ')}`);
best('customerAreas 50/70/80 % with cut-off and outliers', () => customerAreas(rows, S, [0.5, 0.7, 0.8], { times: m.times, cutoffSec: 5400, excludeOutliers: true }));

// what-if: one more own store (copy of store 0's row, 20 % faster) → huff again + delta
const p = { gamma: 1.2, decay: { kind: 'power' as const, lambda: 2 } };
const base = huff(m.times, m.attractiveness, m.population, own, p);
const sec = new Float32Array((S + 1) * C); sec.set(m.times.sec);
for (let c = 0; c < C; c++) sec[S * C + c] = m.times.sec[c] * 0.8;
const A = new Float64Array(S + 1); A.set(m.attractiveness); A[S] = 5;
const own2 = new Uint8Array(S + 1); own2.set(own); own2[S] = 1;
const mapping = Int32Array.from({ length: S + 1 }, (_, s) => (s < S ? s : -1));
best('what-if: huff on the changed set + whatIfDelta', () => {
  const changed = huff({ storeCount: S + 1, communeCount: C, sec }, A, m.population, own2, p);
  whatIfDelta(base, changed, own, own2, mapping, m.population, C);
});
