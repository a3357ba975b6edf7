/**
 * Regenerates the MODELLED patient-origin flows (gravity model, crow-fly distance decay — not drive times, not observed)
 * from the committed data/health artifacts, with other parameters or another year.
 * Usage: npm run health:model-flows -- [--year 2023] [--seed 7] [--decay-km 20] [--max-km 150] [--out file.csv.gz]
 * `npm run data:health` runs the same model with the defaults (DEFAULT_GRAVITY_PARAMS) for 2024.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { modelFlows, DEFAULT_GRAVITY_PARAMS, MODELLED_FLOWS_LABEL, type GravityZone } from '../api/src/domain/health/gravity.js';
import { primarySites } from '../api/src/domain/health/artifacts.js';

const DIR = new URL('../data/health/', import.meta.url).pathname;
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const year = Number(arg('year') ?? 2024);
const params = {
  ...DEFAULT_GRAVITY_PARAMS,
  ...(arg('seed') ? { seed: Number(arg('seed')) } : {}),
  ...(arg('decay-km') ? { crowFlyDecayM: Number(arg('decay-km')) * 1000 } : {}),
  ...(arg('max-km') ? { maxCrowFlyDistanceM: Number(arg('max-km')) * 1000 } : {}),
};
const out = arg('out') ?? `${DIR}modelled-flows-${year}-seed${params.seed}.csv.gz`;

const csv = (f: string) => Papa.parse<Record<string, string>>(gunzipSync(readFileSync(DIR + f)).toString('utf8'), { header: true, skipEmptyLines: true }).data;
const sites = new Map(csv('finess-sites-2020.csv.gz').map((s) => [s.finess, s]));
const primary = primarySites(csv('links.csv.gz').map((l) => ({ ej: l.ej, et: l.et, score: Number(l.score), confidence: l.confidence as 'high', reasons: [] })));
const zonesFc = JSON.parse(gunzipSync(readFileSync(DIR + 'pmsi-zones-2017.geojson.gz')).toString('utf8')) as GeoJSON.FeatureCollection;
const zones: GravityZone[] = zonesFc.features
  .filter((f) => (f.properties!.populationCount ?? 0) > 0)
  .map((f) => ({ zoneCode: String(f.id), lon: f.properties!.centre[0], lat: f.properties!.centre[1], populationCount: f.properties!.populationCount }));
const establishments = csv('activity-2015-2024.csv.gz')
  .filter((a) => Number(a.year) === year && a.staysMin !== '' && a.staysMin === a.staysMax && Number(a.staysMax) > 0)
  .flatMap((a) => {
    const s = sites.get(primary.get(a.finess) ?? '');
    return s && !s.departementCode.startsWith('97') ? [{ finess: a.finess, lon: Number(s.lon), lat: Number(s.lat), staysCount: Number(a.staysMax) }] : [];
  });
const flows = modelFlows(establishments, zones, params);
writeFileSync(out, gzipSync(['finess,zoneCode,stays', ...flows.map((f) => `${f.finess},${f.zoneCode},${f.stays}`)].join('\n') + '\n'));
console.log(`${MODELLED_FLOWS_LABEL}\n${establishments.length} establishments, ${flows.length} rows, params ${JSON.stringify(params)} → ${out}`);
