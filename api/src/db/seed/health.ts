import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import Papa from 'papaparse';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { Seeder } from './types.js';
import { territorySeeder } from './territory.js';
import type { HealthManifest } from '../../domain/health/artifacts.js';
import { HEALTH_INDICATORS } from '../../domain/health/indicators.js';

const dataDir = join(DATA_DIR, 'health') + '/';
const FILES = ['manifest.json', 'finess-sites-2020.csv.gz', 'activity-2015-2024.csv.gz', 'links.csv.gz', 'bpe-2017.csv.gz', 'commune-codegeo-2019.csv.gz', 'pmsi-zones-2017.geojson.gz', 'modelled-flows-2024.csv.gz'];
const BATCH = 5000;

const csv = (file: string) =>
  Papa.parse<Record<string, string>>(gunzipSync(readFileSync(dataDir + file)).toString('utf8'), { header: true, skipEmptyLines: true }).data;
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

async function insertBatches(trx: Kysely<DB>, rows: unknown[], insert: (json: string) => ReturnType<typeof sql>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(JSON.stringify(rows.slice(i, i + BATCH))).execute(trx);
}

/** Loads data/health/* (built by `npm run data:health`). Link overrides and imported flow datasets are kept. */
export const healthSeeder: Seeder = {
  name: 'health',
  dependsOn: ['territory'],
  // The territory seeder empties `indicators`: reload whenever it reloads.
  version: async () => {
    const h = createHash('sha256');
    for (const f of FILES) h.update(readFileSync(dataDir + f));
    return `health-${h.digest('hex').slice(0, 16)}+${await territorySeeder.version()}`;
  },
  async load(database, progress) {
    const manifest = JSON.parse(readFileSync(dataDir + 'manifest.json', 'utf8')) as HealthManifest;
    const sites = csv('finess-sites-2020.csv.gz');
    const activity = csv('activity-2015-2024.csv.gz');
    const links = csv('links.csv.gz');
    const bpe = csv('bpe-2017.csv.gz');
    const corresp = csv('commune-codegeo-2019.csv.gz');
    const zones = JSON.parse(gunzipSync(readFileSync(dataDir + 'pmsi-zones-2017.geojson.gz')).toString('utf8')) as GeoJSON.FeatureCollection;
    const flows = csv('modelled-flows-2024.csv.gz');
    const modelledId = `modelled-${manifest.modelledFlows.year}`;

    await database.db.transaction().execute(async (trx) => {
      for (const t of ['health_activity', 'health_establishments', 'health_links', 'health_sites', 'commune_pmsi_zones', 'pmsi_zones']) await sql`DELETE FROM ${sql.table(t)}`.execute(trx);
      await sql`DELETE FROM health_flow_datasets WHERE synthetic`.execute(trx);
      await sql`DELETE FROM indicators WHERE left(id, 7) = 'health_'`.execute(trx);

      progress(`PMSI code géo zones (${zones.features.length})`);
      await insertBatches(trx, zones.features.map((f) => ({ code: f.id, name: f.properties!.name, pop: f.properties!.populationCount, centre: f.properties!.centre, geom: JSON.stringify(f.geometry) })), (json) => sql`
        INSERT INTO pmsi_zones (code, name, population_count, geom, point)
        SELECT r.code, r.name, r.pop, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)), 3)),
               ST_SetSRID(ST_MakePoint((r.centre->>0)::float8, (r.centre->>1)::float8), 4326)
        FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, name text, pop int, centre jsonb, geom text)`);
      await insertBatches(trx, corresp, (json) => sql`
        INSERT INTO commune_pmsi_zones (commune_code, zone_code, year, population_count)
        SELECT r."communeCode", r."codeGeo", ${manifest.correspYear}::int, r."population2017Count"::int FROM jsonb_to_recordset(${json}::jsonb) AS r("communeCode" text, "codeGeo" text, "population2017Count" text)`);

      progress(`FINESS sites (${sites.length})`);
      await insertBatches(trx, sites, (json) => sql`
        INSERT INTO health_sites (finess, departement_code, name, category, status, address, postcode, city, geom)
        SELECT r.finess, r."departementCode", r.name, r.category, r.status, nullif(r.address, ''), r.postcode, r.city,
               ST_SetSRID(ST_MakePoint(r.lon::float8, r.lat::float8), 4326)
        FROM jsonb_to_recordset(${json}::jsonb) AS r(finess text, "departementCode" text, name text, category text, status text, address text, postcode text, city text, lon text, lat text)`);
      // Commune and code géo of each site, from the polygons (a site may sit just off a simplified coastline: nearest within 2 km).
      await sql`UPDATE health_sites s SET commune_code = (SELECT c.code FROM communes c WHERE c.geom IS NOT NULL AND ST_Intersects(c.geom, s.geom) LIMIT 1)`.execute(trx);
      await sql`UPDATE health_sites s SET commune_code = (SELECT c.code FROM communes c WHERE c.geom IS NOT NULL AND ST_DWithin(c.geom, s.geom, 0.02) ORDER BY ST_Distance(c.geom, s.geom) LIMIT 1) WHERE commune_code IS NULL`.execute(trx);
      await sql`UPDATE health_sites s SET zone_code = z.zone_code FROM commune_pmsi_zones z WHERE z.commune_code = s.commune_code`.execute(trx);

      progress(`ScanSanté activity (${activity.length} establishment-years)`);
      const est = new Map<string, { finess: string; sector: string; kind: string; category: string | null; name: string | null; first: number; last: number }>();
      for (const a of activity) {
        const y = Number(a.year);
        const e = est.get(a.finess) ?? { finess: a.finess, sector: a.sector, kind: a.finessKind, category: null, name: null, first: y, last: y };
        e.first = Math.min(e.first, y);
        if (y >= e.last) { e.last = y; e.category = a.category || e.category; e.name = a.name || e.name; e.sector = a.sector; e.kind = a.finessKind; }
        est.set(a.finess, e);
      }
      await insertBatches(trx, [...est.values()], (json) => sql`
        INSERT INTO health_establishments (finess, sector, finess_kind, category, name, first_year, last_year)
        SELECT r.finess, r.sector, r.kind, r.category, r.name, r.first, r.last FROM jsonb_to_recordset(${json}::jsonb) AS r(finess text, sector text, kind text, category text, name text, first int, last int)`);
      const act = activity.map((a) => ({
        finess: a.finess, year: Number(a.year), s0: num(a.staysMin), s1: num(a.staysMax), f0: num(a.fullMin), f1: num(a.fullMax), p0: num(a.partialMin), p1: num(a.partialMax),
        n0: num(a.sessionsMin), n1: num(a.sessionsMax), male: num(a.maleRatio), age: num(a.meanAgeYears), los: num(a.meanLengthOfStayDays), death: num(a.deathRatio),
      }));
      await insertBatches(trx, act, (json) => sql`
        INSERT INTO health_activity (finess, year, stays_min, stays_max, full_min, full_max, partial_min, partial_max, sessions_min, sessions_max, male_ratio, mean_age_years, mean_length_of_stay_days, death_ratio)
        SELECT r.finess, r.year, r.s0, r.s1, r.f0, r.f1, r.p0, r.p1, r.n0, r.n1, r.male, r.age, r.los, r.death
        FROM jsonb_to_recordset(${json}::jsonb) AS r(finess text, year int, s0 int, s1 int, f0 int, f1 int, p0 int, p1 int, n0 int, n1 int, male float8, age float8, los float8, death float8)`);
      await insertBatches(trx, links, (json) => sql`
        INSERT INTO health_links (ej, et, score, confidence, reasons)
        SELECT r.ej, r.et, r.score::float8, r.confidence, r.reasons FROM jsonb_to_recordset(${json}::jsonb) AS r(ej text, et text, score text, confidence text, reasons text)`);

      progress(`modelled flows ${manifest.modelledFlows.year} (${flows.length} rows, labelled synthetic)`);
      await trx.insertInto('healthFlowDatasets').values({
        id: modelledId, label: manifest.modelledFlows.label, synthetic: true, year: manifest.modelledFlows.year,
        source: `Gravity model (${manifest.modelledFlows.model ?? 'crow-fly distance'}) on ScanSanté totals (${manifest.modelledFlows.builtFrom ?? 'scripts/build-health.ts'})`, params: JSON.stringify(manifest.modelledFlows.params), rowCount: flows.length,
      }).execute();
      await insertBatches(trx, flows, (json) => sql`
        INSERT INTO health_flows (dataset_id, finess, zone_code, stays)
        SELECT ${modelledId}, r.finess, r."zoneCode", r.stays::int FROM jsonb_to_recordset(${json}::jsonb) AS r(finess text, "zoneCode" text, stays text)`);

      progress('indicators (GPs per 10,000 inhabitants, maternity wards)');
      for (const ind of HEALTH_INDICATORS) await trx.insertInto('indicators').values({ ...ind, scope: 'commune' }).execute();
      await insertBatches(trx, bpe, (json) => sql`
        INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
        SELECT i.id, r."communeCode", CASE i.id WHEN 'health_gp_count' THEN r."gpCount"::float8 ELSE r."maternityCount"::float8 END
        FROM jsonb_to_recordset(${json}::jsonb) AS r("communeCode" text, "gpCount" text, "maternityCount" text)
        CROSS JOIN (VALUES ('health_gp_count'), ('health_maternity_count')) AS i(id)
        JOIN communes c ON c.code = r."communeCode"`);
      // Metropolitan communes absent from the BPE extract have no GP (the BPE lists every commune with one).
      await sql`
        INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
        SELECT i.id, c.code, 0 FROM communes c CROSS JOIN (VALUES ('health_gp_count'), ('health_maternity_count')) AS i(id)
        WHERE c.zone = 'metro' ON CONFLICT DO NOTHING`.execute(trx);
      await sql`
        INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
        SELECT 'health_gp_per_10k', c.code, CASE WHEN c.population_count > 0 THEN 10000.0 * v.value / c.population_count END
        FROM communes c JOIN commune_indicator_values v ON v.commune_code = c.code AND v.indicator_id = 'health_gp_count'`.execute(trx);
    });
    return { sites: sites.length, activityRows: activity.length, links: links.length, zones: zones.features.length, modelledFlows: flows.length, bpeCommunes: bpe.length };
  },
};
