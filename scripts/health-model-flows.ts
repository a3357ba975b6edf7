/**
 * Regenerates the MODELLED patient-origin flows (gravity model — not observed) from the committed data/health artifacts.
 *   --graph <file.graph>   decay on DRIVE TIMES from each zone centre to the establishment (road graph file, e.g. the one
 *                          `npm start` caches, or `npm run roads:build-graph -- data/roads/france-osm-2021.roads.json.gz x.graph`)
 *   --write                replace data/health/modelled-flows-<year>.csv.gz and the manifest's modelledFlows (the demo table)
 *   without --graph        crow-fly decay (the fallback used before drive times existed), written beside, never over, the table
 * Usage: npm run health:model-flows -- --graph x.graph [--write] [--year 2023] [--seed 7] [--decay-min 12] [--max-min 120]
 *        npm run health:model-flows -- [--decay-km 20] [--max-km 150] [--out file.csv.gz]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import {
  modelFlows, modelFlowsByDriveTime, DEFAULT_DRIVE_TIME_GRAVITY_PARAMS, DEFAULT_GRAVITY_PARAMS, MODELLED_DRIVE_TIME_LABEL, MODELLED_FLOWS_LABEL, type GravityZone,
} from '../api/src/domain/health/gravity.js';
import { primarySites } from '../api/src/domain/health/artifacts.js';
import { createRoutingNetwork, pointMatrix, readGraphFile, type LonLat, type SnapOptions } from '../api/src/domain/routing/index.js';

const DIR = new URL('../data/health/', import.meta.url).pathname;
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const year = Number(arg('year') ?? 2024);
const graphFile = arg('graph');
const crowFlyParams = {
  ...DEFAULT_GRAVITY_PARAMS,
  ...(arg('seed') ? { seed: Number(arg('seed')) } : {}),
  ...(arg('decay-km') ? { crowFlyDecayM: Number(arg('decay-km')) * 1000 } : {}),
  ...(arg('max-km') ? { maxCrowFlyDistanceM: Number(arg('max-km')) * 1000 } : {}),
};
const driveParams = {
  ...DEFAULT_DRIVE_TIME_GRAVITY_PARAMS,
  ...(arg('seed') ? { seed: Number(arg('seed')) } : {}),
  ...(arg('decay-min') ? { decaySec: Number(arg('decay-min')) * 60 } : {}),
  ...(arg('max-min') ? { maxDurationSec: Number(arg('max-min')) * 60 } : {}),
};
const params = graphFile ? driveParams : crowFlyParams;
const write = args.includes('--write');
if (write && !graphFile) throw new Error('--write replaces the demo table: it needs --graph (drive times); crow-fly flows are written beside it only.');
const out = write ? `${DIR}modelled-flows-${year}.csv.gz` : arg('out') ?? `${DIR}modelled-flows-${year}-${graphFile ? 'drive' : 'crowfly'}-seed${params.seed}.csv.gz`;

const csv = (f: string) => Papa.parse<Record<string, string>>(gunzipSync(readFileSync(DIR + f)).toString('utf8'), { header: true, skipEmptyLines: true }).data;
const sites = new Map(csv('finess-sites-2020.csv.gz').map((s) => [s.finess, s]));
const primary = primarySites(csv('links.csv.gz').map((l) => ({ ej: l.ej, et: l.et, score: Number(l.score), confidence: l.confidence as 'high', reasons: [] })));
const zonesFc = JSON.parse(gunzipSync(readFileSync(DIR + 'pmsi-zones-2017.geojson.gz')).toString('utf8')) as GeoJSON.FeatureCollection;
const zones: GravityZone[] = zonesFc.features
  .filter((f) => (f.properties!.populationCount ?? 0) > 0)
  .map((f) => ({ zoneCode: String(f.id), lon: f.properties!.centre[0], lat: f.properties!.centre[1], populationCount: f.properties!.populationCount }));
const unlocated: string[] = [];
const establishments = csv('activity-2015-2024.csv.gz')
  .filter((a) => Number(a.year) === year && a.staysMin !== '' && a.staysMin === a.staysMax && Number(a.staysMax) > 0)
  .flatMap((a) => {
    const s = sites.get(primary.get(a.finess) ?? '');
    if (!s || s.departementCode.startsWith('97')) return (unlocated.push(a.finess), []);
    return [{ finess: a.finess, lon: Number(s.lon), lat: Number(s.lat), staysCount: Number(a.staysMax) }];
  });

let flows;
let report: Record<string, unknown> = {};
if (graphFile) {
  const t0 = performance.now();
  const { graph, ch, meta } = readGraphFile(graphFile);
  if (!ch) throw new Error(`${graphFile} has no contraction hierarchy`);
  const network = createRoutingNetwork(graph, ch, (meta.snap as SnapOptions | undefined) ?? {});
  // Patients drive from home to hospital: sources are the zone centres, targets the establishments' primary sites.
  const m = pointMatrix(network, zones.map((z): LonLat => [z.lon, z.lat]), establishments.map((e): LonLat => [e.lon, e.lat]));
  console.log(`drive times ${zones.length} zones × ${establishments.length} establishments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  flows = modelFlowsByDriveTime(establishments, zones, (zi, ei) => m.durationSec[zi][ei], driveParams);
  report = {
    network: { source: meta.source, sourceDate: meta.sourceDate, nodeCount: graph.nodeCount },
    zonesOffNetwork: m.unsnappedSources.map((i) => zones[i].zoneCode),
    establishmentsOffNetwork: m.unsnappedTargets.map((i) => establishments[i].finess),
  };
} else {
  flows = modelFlows(establishments, zones, crowFlyParams);
}
const label = graphFile ? MODELLED_DRIVE_TIME_LABEL : MODELLED_FLOWS_LABEL;
writeFileSync(out, gzipSync(['finess,zoneCode,stays', ...flows.map((f) => `${f.finess},${f.zoneCode},${f.stays}`)].join('\n') + '\n'));
const modelled = new Set(flows.map((f) => f.finess));
const leftOut = [...unlocated, ...establishments.filter((e) => !modelled.has(e.finess)).map((e) => e.finess)].sort();
if (write) {
  const manifestFile = `${DIR}manifest.json`;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.modelledFlows = {
    year, synthetic: true, label, model: 'gravity on drive times', params, establishmentCount: modelled.size, rowCount: flows.length,
    unlocatedEstablishments: leftOut, ...report, builtFrom: `npm run health:model-flows -- --graph <graph> --write`,
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
}
console.log(`${label}\n${modelled.size} establishments modelled (${leftOut.length} left out), ${flows.length} rows, params ${JSON.stringify(params)} → ${out}`);
if (graphFile) console.log(`zones off network: ${(report.zonesOffNetwork as string[]).length}, establishments off network: ${(report.establishmentsOffNetwork as string[]).join(' ') || 'none'}`);
