/**
 * Builds data/health/* from the raw sources in ../shared/data/health (see data/README.md, "health/").
 * Usage: npm run data:health [-- --raw ../shared/data]
 */
import { existsSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import * as turf from '@turf/turf';
import { toFinessSite, type FinessSite } from '../api/src/domain/health/finess.js';
import { dedupeActivity, parseScanSante, type ScanSanteRow, type HealthSector } from '../api/src/domain/health/scansante.js';
import { linkEntitiesToSites, type LinkEntity } from '../api/src/domain/health/linkage.js';
import { buildCommuneCodeMap, remapCommuneCounts, type CogEntry } from '../api/src/domain/health/communes.js';
import { modelFlows, DEFAULT_GRAVITY_PARAMS, MODELLED_FLOWS_LABEL, type GravityZone } from '../api/src/domain/health/gravity.js';
import { primarySites, type HealthManifest } from '../api/src/domain/health/artifacts.js';

const args = process.argv.slice(2);
const RAW = (args.includes('--raw') ? args[args.indexOf('--raw') + 1] : new URL('../../shared/data', import.meta.url).pathname).replace(/\/$/, '') + '/health/';
const OUT = new URL('../data/health/', import.meta.url).pathname;
const FLOW_YEAR = 2024;
const CORRESP_YEAR = '2019';
const require = createRequire(import.meta.url);

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function writeCsvGz(name: string, header: string[], rows: unknown[][]): void {
  const text = [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
  writeFileSync(OUT + name, gzipSync(text, { level: 9 }));
  console.log(`${name}: ${rows.length} rows, ${(statSync(OUT + name).size / 1024).toFixed(0)} KiB`);
}
const readCsv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

// 1. FINESS sites
const sites: FinessSite[] = readCsv(RAW + 'finess/FR.csv').map(toFinessSite);

// 2. ScanSanté activity 2015–2024
const activity: ScanSanteRow[] = [];
const parseReport: { file: string; rows: number; errors: number; skipped: number }[] = [];
for (const [dir, sector] of [['A_Publics_PSPH', 'public'], ['B_Prives_OQN', 'private']] as [string, HealthSector][]) {
  const base = `${RAW}pmsi/scansante/01_France_entiere/${dir}/1_Tous_sejours/`;
  for (const f of readdirSync(base).sort()) {
    const year = Number(f.slice(0, 4));
    const r = parseScanSante(readFileSync(base + f, 'utf8'), year, sector);
    if (r.errors.length) throw new Error(`${f}: ${JSON.stringify(r.errors.slice(0, 5))}`);
    activity.push(...r.rows);
    parseReport.push({ file: `${dir}/${f}`, rows: r.rows.length, errors: r.errors.length, skipped: r.skipped.length });
  }
}
const deduped = dedupeActivity(activity.splice(0));
activity.push(...deduped.rows);
const rng = (c: { min: number; max: number } | null) => (c ? [c.min, c.max] : ['', '']);
writeCsvGz('activity-2015-2024.csv.gz',
  ['year', 'sector', 'finess', 'finessKind', 'category', 'name', 'staysMin', 'staysMax', 'fullMin', 'fullMax', 'partialMin', 'partialMax', 'sessionsMin', 'sessionsMax', 'maleRatio', 'meanAgeYears', 'meanLengthOfStayDays', 'deathRatio'],
  activity.map((a) => [a.year, a.sector, a.finess, a.finessKind, a.category, a.name, ...rng(a.staysTotal), ...rng(a.staysFull), ...rng(a.staysPartial), ...rng(a.sessions), a.maleRatio, a.meanAgeYears, a.meanLengthOfStayDays, a.deathRatio]));

// 3. Linkage: every establishment of the activity files (latest name and category) → sites
const latest = new Map<string, ScanSanteRow>();
for (const a of activity) if (!latest.has(a.finess) || latest.get(a.finess)!.year <= a.year) latest.set(a.finess, a.name ? a : { ...a, name: latest.get(a.finess)?.name ?? null });
const entities: LinkEntity[] = [...latest.values()].map((a) => ({ finess: a.finess, name: a.name ?? '', category: a.category }));
const linkage = linkEntitiesToSites(entities, sites);
writeCsvGz('links.csv.gz', ['ej', 'et', 'score', 'confidence', 'reasons'], linkage.links.map((l) => [l.ej, l.et, l.score, l.confidence, l.reasons.join('; ')]));
writeFileSync(OUT + 'linkage-report.json', JSON.stringify({
  entityCount: entities.length,
  publicEntityCount: entities.filter((e) => latest.get(e.finess)!.sector === 'public').length,
  linkedCount: new Set(linkage.links.map((l) => l.ej)).size,
  linkCount: linkage.links.length,
  byConfidence: Object.fromEntries(['exact', 'high', 'medium'].map((c) => [c, linkage.links.filter((l) => l.confidence === c).length])),
  unmatched: linkage.unmatched.map((u) => ({ ...u, sector: latest.get(u.ej)!.sector, lastYear: latest.get(u.ej)!.year })),
}, null, 1));

writeCsvGz('finess-sites-2020.csv.gz', ['finess', 'departementCode', 'name', 'lon', 'lat', 'address', 'postcode', 'city', 'category', 'status'],
  sites.map((s) => [s.finess, s.departementCode, s.name, s.lon, s.lat, s.address, s.postcode, s.city, s.category, s.status]));

// 4. BPE GPs and maternity wards per commune → COG 2026
const cog = require('@etalab/decoupage-administratif/data/communes.json') as (CogEntry & { population?: number })[];
const codeMap = buildCommuneCodeMap(cog);
const gp = remapCommuneCounts(readCsv(RAW + 'bpe/doctor.csv').map((r) => ({ code: r.CODGEO, count: Number(r.NB_D201) })), codeMap);
const mat = remapCommuneCounts(readCsv(RAW + 'bpe/maternity.csv').map((r) => ({ code: r.CODGEO, count: Number(r.NB_D107) })), codeMap);
const bpeCodes = [...new Set([...gp.counts.keys(), ...mat.counts.keys()])].sort();
writeCsvGz('bpe-2017.csv.gz', ['communeCode', 'gpCount', 'maternityCount'], bpeCodes.map((c) => [c, gp.counts.get(c) ?? 0, mat.counts.get(c) ?? 0]));

// 5. Commune ↔ code géo (2019, the latest year of the ATIH table), re-keyed to COG 2026
type Corresp = { code_com: string; code_geo: string; pop: number; annee: string; lib_com: string };
const corresp = (JSON.parse(gunzipSync(readFileSync(RAW + 'pmsi_geo/codes_geo_com_ts_corresp.json.gz')).toString('utf8')) as Corresp[]).filter((r) => r.annee === CORRESP_YEAR);
const zonePop = new Map<string, number>();
for (const r of corresp) zonePop.set(r.code_geo, (zonePop.get(r.code_geo) ?? 0) + (r.pop ?? 0));
const byCommune = new Map<string, Map<string, number>>();
const correspUnmapped: { code: string; name: string }[] = [];
for (const r of corresp) {
  const to = codeMap.get(r.code_com);
  if (!to) { correspUnmapped.push({ code: r.code_com, name: r.lib_com }); continue; }
  if (!byCommune.has(to)) byCommune.set(to, new Map());
  const m = byCommune.get(to)!;
  m.set(r.code_geo, (m.get(r.code_geo) ?? 0) + (r.pop ?? 0));
}
const multiZone: string[] = [];
writeCsvGz(`commune-codegeo-${CORRESP_YEAR}.csv.gz`, ['communeCode', 'codeGeo', 'population2017Count'], [...byCommune.entries()].sort().map(([c, m]) => {
  const best = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (best.length > 1) multiZone.push(c);
  return [c, best[0][0], [...m.values()].reduce((a, b) => a + b, 0)];
}));

// 6. PMSI code géo zones (ATIH 2017, Lambert-93 → WGS84, simplified)
const l93 = proj4('+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', 'WGS84');
const reproject = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? l93.forward(c as [number, number]).map((v) => Math.round(v * 1e4) / 1e4) : (c as unknown[]).map(reproject));
const src = await shapefile.open(RAW + 'pmsi_geo/atih_fond_2017/atih_metropole_fondpmsi2017_z.shp', undefined, { encoding: 'utf-8' });
const features: GeoJSON.Feature[] = [];
for (let r = await src.read(); !r.done; r = await src.read()) {
  const f = r.value as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const geometry = { ...f.geometry, coordinates: reproject(f.geometry.coordinates) } as GeoJSON.Polygon;
  const simple = turf.simplify(turf.feature(geometry), { tolerance: 0.002, highQuality: false, mutate: true });
  const code = String(f.properties!.code_pmsi);
  const centre = turf.pointOnFeature(simple).geometry.coordinates.map((v) => Math.round(v * 1e4) / 1e4);
  features.push({ type: 'Feature', id: code, properties: { code, name: f.properties!.libgeo_cp, populationCount: zonePop.get(code) ?? null, centre }, geometry: simple.geometry });
}
writeFileSync(OUT + 'pmsi-zones-2017.geojson.gz', gzipSync(JSON.stringify({ type: 'FeatureCollection', features }), { level: 9 }));
console.log(`pmsi-zones-2017.geojson.gz: ${features.length} zones, ${(statSync(OUT + 'pmsi-zones-2017.geojson.gz').size / 1024).toFixed(0)} KiB`);

// 7. Modelled flows for FLOW_YEAR: a gravity model on DRIVE TIMES, built by `npm run health:model-flows -- --graph <file> --write`
// (it needs the road graph). This build keeps the committed table and its manifest entry; after changing links or activity,
// run that command again. Only where no table exists yet does it write the crow-fly fallback (labelled as such).
const previous = existsSync(OUT + 'manifest.json') ? (JSON.parse(readFileSync(OUT + 'manifest.json', 'utf8')) as HealthManifest) : null;
let modelledFlows = previous?.modelledFlows;
if (!modelledFlows || !existsSync(OUT + `modelled-flows-${FLOW_YEAR}.csv.gz`)) {
  const siteById = new Map(sites.map((s) => [s.finess, s]));
  const primary = primarySites(linkage.links);
  const zones: GravityZone[] = features
    .filter((f) => (zonePop.get(String(f.id)) ?? 0) > 0)
    .map((f) => { const [lon, lat] = (f.properties as { centre: number[] }).centre; return { zoneCode: String(f.id), lon, lat, populationCount: zonePop.get(String(f.id))! }; });
  const unlocated: string[] = [];
  const establishments = activity.filter((a) => a.year === FLOW_YEAR && a.staysTotal && a.staysTotal.min === a.staysTotal.max && a.staysTotal.max > 0).flatMap((a) => {
    const site = siteById.get(primary.get(a.finess) ?? '');
    if (!site || site.departementCode.startsWith('97')) { unlocated.push(a.finess); return []; }
    return [{ finess: a.finess, lon: site.lon, lat: site.lat, staysCount: a.staysTotal!.max }];
  });
  const flows = modelFlows(establishments, zones, DEFAULT_GRAVITY_PARAMS);
  writeCsvGz(`modelled-flows-${FLOW_YEAR}.csv.gz`, ['finess', 'zoneCode', 'stays'], flows.map((f) => [f.finess, f.zoneCode, f.stays]));
  modelledFlows = { year: FLOW_YEAR, synthetic: true, label: MODELLED_FLOWS_LABEL, params: DEFAULT_GRAVITY_PARAMS, establishmentCount: establishments.length, rowCount: flows.length, unlocatedEstablishments: unlocated };
  console.log(`modelled flows: crow-fly fallback written; run npm run health:model-flows -- --graph <file> --write for drive times`);
} else {
  console.log(`modelled flows kept (${modelledFlows.label}); regenerate with npm run health:model-flows -- --graph <file> --write`);
}

const manifest: HealthManifest = {
  builtFrom: 'npm run data:health (scripts/build-health.ts)',
  finessExtractDate: '2020-03-06',
  activityYears: [2015, 2024],
  correspYear: Number(CORRESP_YEAR),
  modelledFlows,
  parseReport,
  activityDuplicates: deduped.duplicates,
  bpe: { gpUnmapped: gp.unmapped, maternityUnmapped: mat.unmapped, gpRemappedCount: gp.remapped.length, maternityRemappedCount: mat.remapped.length, gpTotal: [...gp.counts.values()].reduce((a, b) => a + b, 0), maternityTotal: [...mat.counts.values()].reduce((a, b) => a + b, 0) },
  corresp: { unmapped: correspUnmapped, communesWithSeveralZones: multiZone },
};
writeFileSync(OUT + 'manifest.json', JSON.stringify(manifest, null, 1));
console.log('manifest.json written; unmapped BPE:', gp.unmapped.length, mat.unmapped.length, 'corresp unmapped:', correspUnmapped.length, 'multi-zone communes:', multiZone.length, 'unlocated:', modelledFlows.unlocatedEstablishments.length);
