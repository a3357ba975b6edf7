/**
 * Reads of the patient-flow basins (issue 15): a dataset's flow table, the communes with their PMSI code géo,
 * establishments and FINESS sites (names, communes). Wide reads go through `columnar` (one JSON text row per
 * query: PGlite decodes rows in JavaScript).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { col, columnar } from './columnar.js';

/** Stays by (establishment, code géo) of a dataset. */
export async function flowTable(db: Kysely<DB>, datasetId: string) {
  return columnar<{ finess: string; zoneCode: string; stays: number }>(
    db, { finess: col('finess'), zoneCode: col('zone_code'), stays: sql`stays::float8` }, sql`FROM health_flows WHERE dataset_id = ${datasetId}`,
  );
}

/** Every commune (in no particular order) with its name, population (populations légales) and PMSI code géo (null when it has none). */
export async function communesWithCodeGeo(db: Kysely<DB>) {
  return columnar<{ code: string; name: string; population: number; zoneCode: string | null }>(
    db, { code: sql`c.code`, name: sql`c.name`, population: sql`c.population_count::float8`, zoneCode: sql`z.zone_code` },
    sql`FROM communes c LEFT JOIN commune_pmsi_zones z ON z.commune_code = c.code`,
  );
}

/** PMSI establishments (ScanSanté: legal entities or sites) with their name and kind. */
export async function establishments(db: Kysely<DB>) {
  return columnar<{ finess: string; name: string | null; kind: string }>(db, { finess: col('finess'), name: col('name'), kind: col('finess_kind') }, sql`FROM health_establishments`);
}

/** FINESS sites (geographic establishments) with their name and commune. */
export async function sites(db: Kysely<DB>) {
  return columnar<{ finess: string; name: string; communeCode: string | null }>(db, { finess: col('finess'), name: col('name'), communeCode: col('commune_code') }, sql`FROM health_sites`);
}
