/**
 * Sales-sector solver benchmark (issue 16): crow-fly times and the synthetic workload of
 * test/domain/sectors/real-instance.ts. Prints figures and same-run ratios against a baseline, asserts nothing:
 *  - exact MILP (HiGHS) with the heuristic's plan as MIP start and lazy flow contiguity, against the baseline
 *    MILP without a start (and with eager flow blocks); the heuristic's objective against the proven optimum;
 *  - KPI refresh after moving one commune (incremental tracker) against recomputing every KPI from scratch.
 *   npm run bench:sectors                      département 03, 8 sectors
 *   npm run bench:sectors -- dep 03,58 10      other départements / sector count
 *   npm run bench:sectors -- metro 60 300      heuristic on metropolitan France, 300 base candidates
 */
import loadHighs from 'highs';
import { realCommunes, realInstance } from '../test/domain/sectors/real-instance.js';
import { planKpis, solveSectorsExact, solveSectorsHeuristic, SectorKpiTracker } from '../api/src/domain/sectors/index.js';

const args = process.argv.slice(2);
const mode = args[0] ?? 'dep';
const [where, kText, candText] = mode === 'metro' ? ['', args[1] ?? '60', args[2] ?? '300'] : [args[1] ?? '03', args[2] ?? '8', args[3]];
const t0 = Date.now();
const r = realCommunes(mode === 'metro' ? 'metro' : where.split(','));
const k = Number(kText);
const { instance, bases, pmedianSec } = realInstance(r, k, Number(candText ?? r.codes.length));
console.log(`${r.codes.length} communes, ${k} sectors; data ${((Date.now() - t0) / 1000).toFixed(1)} s; p-median bases ${bases.join(' ')} in ${pmedianSec.toFixed(1)} s`);
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const h = solveSectorsHeuristic(instance, { toleranceRatio: 0.1, timeLimitSec: 55 });
console.log(`heuristic: ${h.seconds.toFixed(1)} s, objective ${h.objective.toFixed(0)}, Lagrangian bound ${h.lowerBound.toFixed(0)}, gap ${pct(h.gapRatio)}, `
  + `max deviation ${pct(h.maxDeviationRatio)}, balanced ${h.balanced}, contiguous ${h.contiguous}, ${h.movesCount} moves`);
if (mode !== 'metro') {
  const highs = await loadHighs();
  const runs = ([[false, 'none'], [false, 'heuristic'], [true, 'heuristic']] as const).map(([eagerContiguity, start]) => {
    const x = solveSectorsExact(highs, instance, { toleranceRatio: 0.1, timeLimitSec: 120, eagerContiguity, start });
    console.log(`MILP ${eagerContiguity ? 'eager' : 'lazy'} flow, start ${start}: ${x.status} in ${x.seconds.toFixed(1)} s, objective ${x.objective.toFixed(0)}, gap ${pct(x.gapRatio)}, `
      + `${x.rounds} round(s), flow for sectors [${x.flowSectors.join(',')}]; heuristic above optimum by ${pct((h.objective - x.objective) / x.objective)}`);
    return x;
  });
  console.log(`ratio (ours: lazy flow + heuristic start / baseline: no start): time ${ratio(runs[1].seconds, runs[0].seconds)}; eager flow / lazy: ${ratio(runs[2].seconds, runs[1].seconds)}`);
}
const tracker = new SectorKpiTracker(instance, h.sectorOf);
let a = performance.now();
tracker.plan();
console.log(`KPIs from scratch: ${(performance.now() - a).toFixed(1)} ms`);
const times: number[] = [];
const full: number[] = [];
const { offsets, neighbours } = instance.adjacency;
for (let rep = 0; rep < 200; rep++) {
  const c = (rep * 7919) % instance.communeCount;
  if (offsets[c + 1] === offsets[c]) continue;
  a = performance.now();
  tracker.move(c, tracker.sectorOf[neighbours[offsets[c]]]);
  tracker.plan();
  times.push(performance.now() - a);
  if (rep % 10 === 0) { a = performance.now(); planKpis(instance, tracker.sectorOf); full.push(performance.now() - a); }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
times.sort((x, y) => x - y);
console.log(`KPI refresh after moving one commune (${times.length} moves): median ${median(times).toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
console.log(`baseline (every KPI from scratch, ${full.length} runs): median ${median(full).toFixed(2)} ms; ratio ours / baseline ${ratio(median(times), median(full))}`);
