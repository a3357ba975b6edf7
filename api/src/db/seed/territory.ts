import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import { sql, type Kysely } from 'kysely';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { DB } from '../schema.js';
import type { Seeder } from './types.js';
import type { TerritoryArtifacts } from '../../domain/territory/artifacts.js';
import { normalizeSearchText } from '../../domain/territory/search-text.js';
import { TERRITORY_INDICATORS } from '../../domain/territory/indicators.js';

const dataDir = join(DATA_DIR, 'territory') + '/';
const TOPO_FILE = `${dataDir}territory-2026.topo.json.gz`;
const ATTR_FILE = `${dataDir}territory-2026.json.gz`;
const BATCH = 1000;

function fileHash(...paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(readFileSync(p));
  return h.digest('hex').slice(0, 16);
}

/** GeoJSON geometry per code for one object of the topology. */
function geometriesOf(topo: Topology, objectName: string): Map<string, GeoJSON.Geometry> {
  const fc = feature(topo, topo.objects[objectName]) as unknown as GeoJSON.FeatureCollection;
  return new Map(fc.features.map((f) => [String(f.id), f.geometry]));
}

async function insertJsonRows(trx: Kysely<DB>, rows: unknown[], insert: (json: string) => ReturnType<typeof sql>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await insert(JSON.stringify(rows.slice(i, i + BATCH))).execute(trx);
  }
}

const geomExpr = (col: string) =>
  sql.raw(`CASE WHEN r.${col} IS NULL THEN NULL ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.${col}), 4326)), 3)) END`);

export const territorySeeder: Seeder = {
  name: 'territory',
  version: () => `territory-${fileHash(TOPO_FILE, ATTR_FILE)}`,
  async load(database, progress) {
    const topo = JSON.parse(gunzipSync(readFileSync(TOPO_FILE)).toString('utf8')) as Topology;
    const attrs = JSON.parse(gunzipSync(readFileSync(ATTR_FILE)).toString('utf8')) as TerritoryArtifacts;
    const communeGeoms = geometriesOf(topo, 'communes');
    const depGeoms = geometriesOf(topo, 'departements');
    const regGeoms = geometriesOf(topo, 'regions');
    const gj = (g: GeoJSON.Geometry | undefined) => (g ? JSON.stringify(g) : null);

    await database.db.transaction().execute(async (trx) => {
      for (const t of ['commune_indicator_values', 'indicators', 'commune_history', 'communes', 'epcis', 'departements', 'regions']) {
        await sql`DELETE FROM ${sql.table(t)}`.execute(trx);
      }
      progress(`régions (${attrs.regions.length}) and départements (${attrs.departements.length})`);
      await insertJsonRows(trx, attrs.regions.map((r) => ({ ...r, geom: gj(regGeoms.get(r.code)) })), (json) => sql`
        INSERT INTO regions (code, name, geom)
        SELECT r.code, r.name, ${geomExpr('geom')} FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, name text, geom text)`);
      await insertJsonRows(trx, attrs.departements.map((d) => ({ ...d, geom: gj(depGeoms.get(d.code)) })), (json) => sql`
        INSERT INTO departements (code, name, region_code, geom)
        SELECT r.code, r.name, r."regionCode", ${geomExpr('geom')} FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, name text, "regionCode" text, geom text)`);
      await insertJsonRows(trx, attrs.epcis, (json) => sql`
        INSERT INTO epcis (code, name, kind) SELECT r.code, r.name, r.kind FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, name text, kind text)`);

      const rows = attrs.communes.map((c) => ({
        code: c.code,
        name: c.name,
        searchName: normalizeSearchText(c.name),
        departementCode: c.departementCode,
        regionCode: c.regionCode,
        epciCode: c.epciCode,
        zone: c.zone,
        postcodes: c.postcodes,
        populationCount: c.populationCount,
        geometryStatus: c.geometryStatus,
        geometryNote: c.geometryNote,
        geom: gj(communeGeoms.get(c.code)),
      }));
      for (let i = 0; i < rows.length; i += BATCH) {
        progress(`communes ${i.toLocaleString('fr-FR')} / ${rows.length.toLocaleString('fr-FR')}`);
        await sql`
          INSERT INTO communes (code, name, search_name, departement_code, region_code, epci_code, zone, postcodes,
                                population_count, geometry_status, geometry_note, geom)
          SELECT r.code, r.name, r."searchName", r."departementCode", r."regionCode", r."epciCode", r.zone,
                 ARRAY(SELECT jsonb_array_elements_text(r.postcodes)), r."populationCount", r."geometryStatus", r."geometryNote",
                 ${geomExpr('geom')}
          FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb) AS r(
            code text, name text, "searchName" text, "departementCode" text, "regionCode" text, "epciCode" text, zone text,
            postcodes jsonb, "populationCount" int, "geometryStatus" text, "geometryNote" text, geom text)`.execute(trx);
      }
      progress('areas, points on surface, département and région totals');
      await sql`UPDATE communes SET point = ST_PointOnSurface(geom), area_km2 = ST_Area(geom::geography) / 1e6 WHERE geom IS NOT NULL`.execute(trx);
      await sql`UPDATE departements d SET area_km2 = ST_Area(d.geom::geography) / 1e6,
                  population_count = (SELECT coalesce(sum(population_count), 0) FROM communes c WHERE c.departement_code = d.code)`.execute(trx);
      await sql`UPDATE regions g SET area_km2 = ST_Area(g.geom::geography) / 1e6,
                  population_count = (SELECT coalesce(sum(population_count), 0) FROM communes c WHERE c.region_code = g.code)`.execute(trx);

      progress(`commune history (${attrs.history.length} former codes)`);
      await insertJsonRows(trx, attrs.history, (json) => sql`
        INSERT INTO commune_history (old_code, old_name, new_code, kind)
        SELECT r."oldCode", r."oldName", r."newCode", r.kind FROM jsonb_to_recordset(${json}::jsonb)
          AS r("oldCode" text, "oldName" text, "newCode" text, kind text) ON CONFLICT DO NOTHING`);

      progress('indicators');
      for (const ind of TERRITORY_INDICATORS) {
        await trx.insertInto('indicators').values({ id: ind.id, label: ind.label, unit: ind.unit, source: ind.source, description: ind.description, year: ind.year, scope: 'commune' }).execute();
      }
      const pop2016 = attrs.communes.map((c) => ({ code: c.code, pop2016: c.population2016Count }));
      await sql`INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
                SELECT 'population', code, population_count FROM communes`.execute(trx);
      await sql`INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
                SELECT 'density', code, CASE WHEN area_km2 > 0 AND geometry_status <> 'approximate_parent_2018' THEN population_count / area_km2 END FROM communes`.execute(trx);
      await insertJsonRows(trx, pop2016, (json) => sql`
        INSERT INTO commune_indicator_values (indicator_id, commune_code, value)
        SELECT 'population_change_2016_2023', c.code,
               CASE WHEN r.pop2016 > 0 THEN 100.0 * (c.population_count - r.pop2016) / r.pop2016 END
        FROM jsonb_to_recordset(${json}::jsonb) AS r(code text, pop2016 int) JOIN communes c ON c.code = r.code`);
    });
    return { communes: attrs.communes.length, history: attrs.history.length, report: attrs.report };
  },
};
