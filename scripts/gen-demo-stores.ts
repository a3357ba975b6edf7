/**
 * SYNTHETIC demo network for trade areas (issue 14) — not real shops or customers.
 * - 120 own stores (fictitious brand « Maillage Market ») and 200 competitors (three fictitious brands) placed in
 *   mainland communes (Corsica included) with probability proportional to population (INSEE 2023, COG 2026), each
 *   within ≈ 300 m of its commune's point on surface and on the road network; sales area (m²) drawn log-normal.
 * - 30,000 loyalty-card customers of the own stores, drawn from a Huff model with KNOWN parameters on REAL drive
 *   times (national OSM 2021 graph, the app's engine and commune rule, cut-off 90 min): a commune with probability
 *   ∝ population × own-network share, then an own store with probability P(commune → store). Calibration on them
 *   should find GAMMA and LAMBDA back (Huff's choice among own stores follows the same model: independence of
 *   irrelevant alternatives).
 * Seeded (domain/common/random.ts): the same files every run given the same graph and territory data.
 * Usage: npm run data:demo-stores [-- --data-dir <seeded PGlite dir>] [--graph <file.graph>]
 *   (defaults: the newest test template under .tmp/test-templates, and .maillage/roads/france-osm-2021.graph,
 *   which `npm start` builds on first start or `npm run roads:build-graph -- data/roads/france-osm-2021.roads.json.gz <out>`).
 * Writes data/demo/magasins-synthetiques.csv.gz and data/demo/clients-magasins-synthetiques.csv.gz.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { graphFileOrExit, ownCustomerDrawer, weightedPicker, workingDatabase, ROOT } from './areas-script-setup.js';
import { communePoints } from '../api/src/repositories/points-near.js';
import { RoutingHost } from '../api/src/engine/routing-host.js';
import { StoreTimesEngine } from '../api/src/engine/store-times.js';
import { seededRandom } from '../api/src/domain/common/random.js';
import { metresPerDegree, snapPoints, type LonLat } from '../api/src/domain/routing/index.js';
import { huff } from '../api/src/domain/areas/index.js';

export const DEMO_GAMMA = 0.9;
export const DEMO_LAMBDA = 1.9; // power decay, t in minutes
const OWN_COUNT = 120;
const COMPETITOR_COUNT = 200;
const CUSTOMER_COUNT = 30_000;
const CUTOFF_SEC = 90 * 60;
const SEED = 20261130;
const BRANDS = ['Concurrent Alpha', 'Concurrent Bêta', 'Concurrent Gamma'];

const graphFile = graphFileOrExit();
const { database, dispose } = await workingDatabase(['territory']);
const communes = await communePoints(database.db);
await dispose();

const rand = seededRandom(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const host = RoutingHost.load(graphFile);
const view = host.snapView(host.maxSnapM());
const mainland = communes.filter((c) => c.zone === 'metro' && c.populationCount > 0);
const pickCommune = weightedPicker(mainland.map((c) => c.populationCount), rand);
const pick = () => mainland[pickCommune()];

interface Store { key: string; name: string; brand: string; own: boolean; lon: number; lat: number; surfaceM2: number }
const stores: Store[] = [];
for (let i = 0; i < OWN_COUNT + COMPETITOR_COUNT; i++) {
  const own = i < OWN_COUNT;
  for (;;) {
    const c = pick();
    const { mPerDegLon, mPerDegLat } = metresPerDegree(c.lat);
    const r = 300 * Math.sqrt(rand()), a = 2 * Math.PI * rand();
    const p: LonLat = [Math.round((c.lon + (r * Math.cos(a)) / mPerDegLon) * 1e5) / 1e5, Math.round((c.lat + (r * Math.sin(a)) / mPerDegLat) * 1e5) / 1e5];
    if (!snapPoints(view, [p])[0]) continue; // a store is on the road network
    const brand = own ? 'Maillage Market' : BRANDS[Math.floor(rand() * BRANDS.length)];
    const surfaceM2 = Math.round(Math.min(8000, Math.max(300, (own ? 1500 : 1200) * Math.exp(0.6 * normal() - 0.18))) / 10) * 10;
    const n = own ? i + 1 : i + 1 - OWN_COUNT;
    stores.push({ key: own ? `MAG-${String(n).padStart(3, '0')}` : `CONC-${String(n).padStart(3, '0')}`, name: `${brand} ${c.name} (synthétique)`, brand, own, lon: p[0], lat: p[1], surfaceM2 });
    break;
  }
}

console.log(`${stores.length} stores placed; drive times to ${communes.length.toLocaleString('en')} communes…`);
const engine = new StoreTimesEngine(view, communes);
const t0 = performance.now();
const { times } = await engine.times(view, stores.map((s) => [s.lon, s.lat] as LonLat), CUTOFF_SEC);
await engine.close();
console.log(`times in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const own = Uint8Array.from(stores, (s) => (s.own ? 1 : 0));
const model = huff(times, Float64Array.from(stores, (s) => s.surfaceM2), Float64Array.from(communes, (c) => c.populationCount), own, { gamma: DEMO_GAMMA, decay: { kind: 'power', lambda: DEMO_LAMBDA } });

// Customers: commune ∝ population × own share, then an own store ∝ P(commune → store).
const drawCustomer = ownCustomerDrawer(model.prob, model.ownShareRatio, communes.map((c) => c.populationCount), own, rand);
const customers = ['id;magasin;code_insee;ca_eur'];
for (let k = 1; k <= CUSTOMER_COUNT; k++) {
  const { store: s, commune: c } = drawCustomer();
  const spend = Math.round(600 * Math.exp(0.5 * normal() - 0.125));
  customers.push([`CLI-${String(k).padStart(5, '0')}`, stores[s].key, communes[c].code, spend].join(';'));
}

const storeLines = ['id;nom;enseigne;reseau;longitude;latitude;surface_m2', ...stores.map((s) => [s.key, s.name, s.brand, s.own ? 'propre' : 'concurrent', s.lon, s.lat, s.surfaceM2].join(';'))];
const write = (file: string, lines: string[]) => {
  const bytes = gzipSync(lines.join('\n') + '\n', { level: 9 });
  writeFileSync(join(ROOT, 'data', 'demo', file), bytes);
  console.log(`wrote data/demo/${file}: ${lines.length - 1} rows, ${(bytes.length / 1e3).toFixed(0)} kB`);
};
write('magasins-synthetiques.csv.gz', storeLines);
write('clients-magasins-synthetiques.csv.gz', customers);
const reached = Array.from(model.ownShareRatio).filter((x, c) => x > 0 && communes[c].populationCount > 0).length;
console.log(`model: γ = ${DEMO_GAMMA}, λ = ${DEMO_LAMBDA} (power); own network expected demand ${Math.round(model.expectedDemand.reduce((a, d, j) => a + (own[j] ? d : 0), 0)).toLocaleString('en')} inhabitants; ${reached.toLocaleString('en')} communes with customers possible`);
