/**
 * SYNTHETIC demo CRM — not real customers. 20,000 accounts (pharmacies, medical practices, retail shops)
 * placed in real communes with probability proportional to their population (INSEE 2023, COG 2026), each at a
 * random point inside its commune outline (IGN 2018), with made-up sales, visits, segment and last-visit date.
 * Seeded: the same file every run. `npm run data:demo-crm` → data/demo/crm-synthetique.csv.gz
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import { booleanPointInPolygon } from '@turf/turf';
import type { Topology } from 'topojson-specification';
import type { TerritoryArtifacts } from '../api/src/domain/territory/artifacts.js';
import { seededRandom, weightedPicker } from '../api/src/domain/common/random.js';

const ACCOUNTS = 20_000;
const SEED = 20261122;

const rand = seededRandom(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const attrs = JSON.parse(gunzipSync(readFileSync('data/territory/territory-2026.json.gz')).toString()) as TerritoryArtifacts;
const topo = JSON.parse(gunzipSync(readFileSync('data/territory/territory-2026.topo.json.gz')).toString()) as Topology;
const shapes = new Map(
  (feature(topo, topo.objects.communes) as unknown as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>).features.map((f) => [String(f.id), f]),
);
const eligible = attrs.communes.filter((c) => c.zone !== 'com' && c.geometryStatus !== 'approximate_parent_2018' && shapes.has(c.code) && c.populationCount > 0);
const pickEligible = weightedPicker(eligible.map((c) => c.populationCount), rand);
const pickCommune = () => eligible[pickEligible()];

/** Bbox of the largest part (a commune with far-off islets would otherwise give a mostly-empty box). */
function bboxOf(f: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let best = [0, 0, 0, 0];
  let bestArea = -1;
  for (const poly of polys) {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const [x, y] of poly[0]) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
    if ((e - w) * (n - s) > bestArea) {
      bestArea = (e - w) * (n - s);
      best = [w, s, e, n];
    }
  }
  return best;
}

function pointInside(code: string): [number, number] {
  const f = shapes.get(code)!;
  const [w, s, e, n] = bboxOf(f);
  for (let i = 0; i < 2000; i++) {
    const p: [number, number] = [w + rand() * (e - w), s + rand() * (n - s)];
    if (booleanPointInPolygon(p, f)) return [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
  }
  throw new Error(`no point found inside ${code}`);
}

const SEGMENTS = [
  { category: 'pharmacie', share: 0.45, salesEur: 420_000, visitsPerYear: 10 },
  { category: 'cabinet médical', share: 0.35, salesEur: 60_000, visitsPerYear: 6 },
  { category: 'commerce', share: 0.2, salesEur: 180_000, visitsPerYear: 4 },
];
const rows = ['id;nom;categorie;segment;code_insee;longitude;latitude;ca_eur;visites;derniere_visite'];
for (let i = 1; i <= ACCOUNTS; i++) {
  const c = pickCommune();
  const r = rand();
  const seg = r < SEGMENTS[0].share ? SEGMENTS[0] : r < SEGMENTS[0].share + SEGMENTS[1].share ? SEGMENTS[1] : SEGMENTS[2];
  const [lon, lat] = pointInside(c.code);
  const sales = Math.round(seg.salesEur * Math.exp(0.5 * normal() - 0.125));
  const visits = Math.max(0, Math.round(seg.visitsPerYear + 2.5 * normal()));
  const abc = sales > seg.salesEur * 1.3 ? 'A' : sales > seg.salesEur * 0.8 ? 'B' : 'C';
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 320) * 86_400_000).toISOString().slice(0, 10);
  const id = `SYN-${String(i).padStart(5, '0')}`;
  rows.push([id, `Compte synthétique ${i} (${seg.category})`, seg.category, abc, c.code, lon, lat, sales, visits, day].join(';'));
}
mkdirSync('data/demo', { recursive: true });
const bytes = gzipSync(rows.join('\n') + '\n', { level: 9 });
writeFileSync('data/demo/crm-synthetique.csv.gz', bytes);
console.log(`wrote data/demo/crm-synthetique.csv.gz: ${ACCOUNTS} synthetic accounts in ${new Set(rows.slice(1).map((r) => r.split(';')[4])).size} communes, ${(bytes.length / 1e6).toFixed(2)} MB`);
