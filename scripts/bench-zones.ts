/**
 * Zones and indicators benchmark (issue 13), on PGlite through the real app (`app.request`, routes included):
 * profile of a 2,000-commune zone with every indicator vs one plain indicator (the same-run baseline), one
 * indicator's values for every commune, comparison of 6 zones, XLSX export of a 35,000-row table (a zone of
 * every commune) vs the CSV of the same zone. Prints figures and ratios; never asserts.
 * Usage: npm run bench:zones [-- --data-dir <seeded PGlite dir>] (default: a copy of the newest test template,
 * else a fresh database seeded from data/, which takes minutes).
 */
import { workingDatabase } from './seeded-database.js';
import { createApp } from '../api/src/app.js';
import { createTileService } from '../api/src/services/tiles.js';
import { RoutingService } from '../api/src/services/routing.js';

const { database, dispose } = await workingDatabase('maillage-bench-zones');
const app = createApp({ database, tiles: createTileService(database, 'js'), routing: RoutingService.load(database, undefined), config: { extraAttribution: [] } });

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await app.request(path, body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return res;
}
const json = async (method: string, path: string, body?: unknown) => (await (await call(method, path, body)).json()) as Json;

/** Median of `runs` timed calls after one warm-up. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

console.log('database ready; measuring…');
const codes = ((await json('GET', '/api/indicators/population/values')).codes as string[]);
const metro = codes.filter((c) => !c.startsWith('97'));
const registry = (await json('GET', '/api/indicators')).indicators as Json[];
const rows: [string, number, string][] = [];
const step = (label: string, ms: number, ratio = '') => {
  rows.push([label, ms, ratio]);
  console.log(`  ${label}: ${ms.toFixed(0)} ms ${ratio}`);
};

let t0 = performance.now();
const z2000 = (await json('POST', '/api/zones', { name: 'Bench 2 000 communes', codes: metro.slice(0, 2000) })).zone;
step('create a 2,000-commune zone (members, outline)', performance.now() - t0, '');

const plain = await time(5, () => call('GET', `/api/zones/${z2000.id}/profile?indicators=population`));
step('profile, 2,000 communes, 1 plain indicator (baseline)', plain, '1.0×');
t0 = performance.now();
await call('GET', `/api/zones/${z2000.id}/profile`);
step('profile, 2,000 communes, all indicators, first call (computes and caches the reference figures)', performance.now() - t0);
const full = await time(5, () => call('GET', `/api/zones/${z2000.id}/profile`));
step(`profile, 2,000 communes, all ${registry.length} indicators, reference département (target ≤ 300 ms)`, full, `${(full / plain).toFixed(1)}×`);
const fullFrance = await time(3, () => call('GET', `/api/zones/${z2000.id}/profile?reference=france`));
step('profile, same, reference France', fullFrance, `${(fullFrance / plain).toFixed(1)}×`);

// `population` was read once above (the commune list): health_gp_per_10k is a stored indicator not read yet.
t0 = performance.now();
await call('GET', '/api/indicators/health_gp_per_10k/values').then((r) => r.arrayBuffer());
const storedFirst = performance.now() - t0;
step('values of a stored indicator (health_gp_per_10k) for every commune, first call (SQL)', storedFirst, '1.0×');
const valuesTable = await time(5, () => call('GET', '/api/indicators/health_gp_per_10k/values').then((r) => r.arrayBuffer()));
step('values of a stored indicator for every commune, warm (target ≤ 200 ms)', valuesTable, `${(valuesTable / storedFirst).toFixed(2)}× its first call`);
// Registry-only indicators are computed from the facts once per data version, then served from memory.
// The first call of an indicator computes its siblings (same read) too: the second id of each pair is then warm.
for (const id of ['filosofi_median_income', 'insee_unemployment_rate', 'age_share_75_89', 'age_share_0_14']) {
  t0 = performance.now();
  await call('GET', `/api/indicators/${id}/values`).then((r) => r.arrayBuffer());
  const first = performance.now() - t0;
  step(`values of a registry indicator (${id}) for every commune, first call (computed from facts)`, first, `${(first / storedFirst).toFixed(1)}× the stored first call`);
  const warm = await time(5, () => call('GET', `/api/indicators/${id}/values`).then((r) => r.arrayBuffer()));
  step(`values of a registry indicator (${id}) for every commune, warm (target ≤ 200 ms)`, warm, `${(warm / valuesTable).toFixed(1)}× the stored warm call`);
}

const six: string[] = [];
for (let i = 0; i < 6; i++) six.push((await json('POST', '/api/zones', { name: `Bench ${i}`, codes: metro.slice(3000 + i * 300, 3300 + i * 300) })).zone.id);
const compare = await time(3, () => call('POST', '/api/zones/compare', { zoneIds: six }));
step('compare 6 zones (300 communes each), all indicators, reference France (target ≤ 1 s)', compare, `${(compare / plain).toFixed(1)}×`);
const compareDep = await time(3, () => call('POST', '/api/zones/compare', { zoneIds: six, reference: 'departement' }));
step('compare 6 zones, reference each zone’s département', compareDep, `${(compareDep / plain).toFixed(1)}×`);

t0 = performance.now();
const france = (await json('POST', '/api/zones', { name: 'Bench France', codes })).zone;
step(`create a ${codes.length}-commune zone (members, outline)`, performance.now() - t0, '');
const csv = await time(2, () => call('GET', `/api/zones/${france.id}/export?format=csv&indicators=population`).then((r) => r.arrayBuffer()));
step('CSV export of the same zone (baseline for the XLSX)', csv, '');
const xlsx = await time(2, () => call('GET', `/api/zones/${france.id}/export?format=xlsx&indicators=population`).then((r) => r.arrayBuffer()));
step(`XLSX export, ${codes.length}-row Communes sheet + profile + provenance (target ≤ 5 s)`, xlsx, `${(xlsx / csv).toFixed(1)}× the CSV`);

console.log('\n| figure | median ms | ratio |\n| --- | --- | --- |');
for (const [label, ms, ratio] of rows) console.log(`| ${label} | ${ms.toFixed(0)} | ${ratio} |`);
await dispose();
