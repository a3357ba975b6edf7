import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { LayerCommuneAggregate, LayerInfo } from '../domain/indicators/providers/layers.js';
import type { InseeFactsRow } from '../domain/indicators/providers/insee.js';
import type { FilosofiFactsRow } from '../domain/indicators/providers/filosofi.js';
import type { AgeBandCount } from '../domain/indicators/providers/age.js';
import { col, columnar } from './columnar.js';

/**
 * SQL the indicator providers read, per commune (`codes` null = every commune).
 * Wide reads come back COLUMNAR — one row holding one JSON array per column — because PGlite decodes each
 * row and field of a result in JavaScript: 34,870 INSEE rows × 19 columns took 12.5 s as rows and 0.26 s as
 * three column arrays on the loaded 2-core machine (see docs/benchmarks.md, "Zones and indicators").
 */

const codeFilter = (column: string, codes: string[] | null) => (codes === null ? sql`true` : sql`${sql.ref(column)} = ANY(${codes}::text[])`);


export interface CommuneBase {
  code: string;
  departementCode: string;
  regionCode: string;
  populationCount: number;
  areaKm2: number | null;
  geometryStatus: string;
}

export async function communeBase(db: Kysely<DB>, codes: string[] | null): Promise<CommuneBase[]> {
  return columnar<CommuneBase>(
    db,
    { code: col('code'), departementCode: col('departement_code'), regionCode: col('region_code'), populationCount: col('population_count'), areaKm2: col('area_km2'), geometryStatus: col('geometry_status') },
    sql`FROM communes WHERE ${codeFilter('code', codes)}`,
  );
}

/** Communes of a reference area (département, région) or all of France (null). */
export async function communeCodesOfArea(db: Kysely<DB>, level: 'departement' | 'region' | 'france', code: string | null): Promise<string[] | null> {
  if (level === 'france') return null;
  const column = level === 'departement' ? 'departement_code' : 'region_code';
  return (await columnar<{ code: string }>(db, { code: col('code') }, sql`FROM communes WHERE ${sql.ref(column)} = ${code}`)).map((x) => x.code);
}

export async function areaName(db: Kysely<DB>, level: 'departement' | 'region', code: string): Promise<string | null> {
  const r = await sql<{ name: string }>`SELECT name FROM ${sql.table(level === 'departement' ? 'departements' : 'regions')} WHERE code = ${code}`.execute(db);
  return r.rows[0]?.name ?? null;
}

/** Values of `indicators`-table rows per commune (id → value). */
export async function tableIndicatorValues(db: Kysely<DB>, ids: readonly string[], codes: string[] | null): Promise<Map<string, Record<string, number | null>>> {
  const out = new Map<string, Record<string, number | null>>();
  if (!ids.length) return out;
  const rows = await columnar<{ communeCode: string; indicatorId: string; value: number | null }>(
    db,
    { communeCode: col('commune_code'), indicatorId: col('indicator_id'), value: col('value') },
    sql`FROM commune_indicator_values WHERE indicator_id = ANY(${[...ids]}::text[]) AND ${codeFilter('commune_code', codes)}`,
  );
  for (const row of rows) {
    const rec = out.get(row.communeCode) ?? {};
    rec[row.indicatorId] = row.value;
    out.set(row.communeCode, rec);
  }
  return out;
}

/**
 * INSEE comparateur + Filosofi figures per commune, read columnar from `commune_insee` (the table of
 * repositories/insee.ts; its row-wise `inseeByCommunes` is kept for single communes).
 */
export async function inseeFactRows(db: Kysely<DB>, codes: string[] | null): Promise<(InseeFactsRow & FilosofiFactsRow)[]> {
  const names: Record<string, string> = {
    communeCode: 'commune_code', population2021: 'population_2021', population2015: 'population_2015', households2021: 'households_2021',
    births2022: 'births_2022', deaths2022: 'deaths_2022', pop15642021: 'pop_15_64_2021', active15642021: 'active_15_64_2021',
    unemployed15642021: 'unemployed_15_64_2021', fiscalHouseholds2021: 'fiscal_households_2021', fiscalPersons2021: 'fiscal_persons_2021',
    medianIncomeEur2021: 'median_income_eur_2021', povertyRatePct2021: 'poverty_rate_pct_2021', d1Eur2021: 'd1_eur_2021', d9Eur2021: 'd9_eur_2021', medianApproximate: 'median_approximate',
  };
  return columnar(db, Object.fromEntries(Object.entries(names).map(([k, c]) => [k, col(c)])), sql`FROM commune_insee WHERE ${codeFilter('commune_code', codes)}`);
}

/**
 * Estimated age bands per commune (table of repositories/insee.ts), one row per commune (bands as a JSON
 * object) and columnar: 7 rows per commune cost ≈ 110 ms for 2,000 communes, this ≈ 4× less.
 */
export async function ageBandRows(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, AgeBandCount[]>> {
  const rows = await columnar<{ communeCode: string; counts: Record<string, number>; estimated: boolean; sourceLevel: string }>(
    db,
    { communeCode: col('commune_code'), counts: col('counts'), estimated: col('estimated'), sourceLevel: col('source_level') },
    sql`FROM (SELECT commune_code, json_object_agg(band, population_count) AS counts, bool_or(estimated) AS estimated, min(source_level) AS source_level
              FROM commune_age_bands WHERE ${codeFilter('commune_code', codes)} GROUP BY commune_code) g`,
  );
  const out = new Map<string, AgeBandCount[]>();
  for (const r of rows) {
    out.set(r.communeCode, Object.entries(r.counts).map(([band, populationCount]) => ({ band, populationCount, estimated: r.estimated, sourceLevel: r.sourceLevel })));
  }
  return out;
}

/** Live (not deleted) layers, as the registry describes them. */
export async function registryLayers(db: Kysely<DB>): Promise<LayerInfo[]> {
  const rows = await db.selectFrom('layers').select(['id', 'name', 'synthetic', 'measures', 'updatedAt']).where('deletedAt', 'is', null).orderBy('createdAt').execute();
  return rows.map((l) => ({ ...l, measures: (l.measures ?? []) as LayerInfo['measures'] }));
}

/** Per layer × commune: row count, and sum and count of each numeric measure. */
export async function layerCommuneAggregates(db: Kysely<DB>, layers: readonly LayerInfo[], codes: string[] | null): Promise<LayerCommuneAggregate[]> {
  const out: LayerCommuneAggregate[] = [];
  for (const l of layers) {
    const measures = l.measures.filter((m) => m.type === 'number').map((m) => m.name);
    const num = (m: string) => sql`CASE WHEN jsonb_typeof(f.measures -> ${m}) = 'number' THEN (f.measures ->> ${m})::float8 END`;
    const columns: Record<string, RawBuilder<unknown>> = { communeCode: col('commune_code'), count: col('count') };
    measures.forEach((_, i) => Object.assign(columns, { [`s${i}`]: sql.ref(`s${i}`), [`n${i}`]: sql.ref(`n${i}`) }));
    const aggregates = measures.flatMap((m, i) => [sql`, sum(${num(m)})::float8 AS ${sql.ref(`s${i}`)}`, sql`, count(${num(m)})::int AS ${sql.ref(`n${i}`)}`]);
    const rows = await columnar<Record<string, number | string | null>>(db, columns, sql`FROM (
      SELECT f.commune_code, count(*)::int AS count ${sql.join(aggregates, sql``)}
      FROM layer_features f WHERE f.layer_id = ${l.id}::uuid AND f.commune_code IS NOT NULL AND ${codeFilter('f.commune_code', codes)}
      GROUP BY f.commune_code) g`);
    for (const row of rows) {
      const sums: Record<string, number | null> = {};
      const counts: Record<string, number> = {};
      measures.forEach((m, i) => {
        sums[m] = row[`s${i}`] === null ? null : Number(row[`s${i}`]);
        counts[m] = Number(row[`n${i}`] ?? 0);
      });
      out.push({ layerId: l.id, communeCode: String(row.communeCode), count: Number(row.count), sums, counts });
    }
  }
  return out;
}

/**
 * A fingerprint of the data indicators read (dataset versions, live layers and their last change): reference
 * figures cached under it are recomputed as soon as any of it changes, in every process.
 */
export async function indicatorDataVersion(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ v: string }>`
    SELECT coalesce((SELECT string_agg(name || '=' || version, ',' ORDER BY name) FROM dataset_loads), '') || '|' ||
           (SELECT count(*)::text || '@' || coalesce(max(updated_at)::text, '') FROM layers WHERE deleted_at IS NULL) || '|' ||
           (SELECT count(*)::text || '@' || coalesce(max(created_at)::text, '') FROM health_flow_datasets) AS v`.execute(db);
  return r.rows[0].v;
}

/** Hospital sites (FINESS) per commune. */
export async function healthSiteCounts(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, number>> {
  const rows = await columnar<{ communeCode: string; n: number }>(
    db,
    { communeCode: col('commune_code'), n: col('n') },
    sql`FROM (SELECT commune_code, count(*)::int AS n FROM health_sites WHERE commune_code IS NOT NULL AND ${codeFilter('commune_code', codes)} GROUP BY commune_code) g`,
  );
  return new Map(rows.map((r) => [r.communeCode, Number(r.n)]));
}

/**
 * PMSI stays of each commune's residents, from the modelled flow dataset (the newest synthetic one: the
 * registry labels these figures modelled): the stays of each code géo shared out among its communes by their
 * population. A code géo with no stays in the data gives null (no value), not 0.
 */
export async function pmsiStaysByCommune(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, number | null>> {
  const rows = await columnar<{ communeCode: string; stays: number | null }>(
    db,
    { communeCode: col('commune_code'), stays: col('stays') },
    sql`FROM (
      WITH ds AS (SELECT id FROM health_flow_datasets WHERE synthetic ORDER BY year DESC, id LIMIT 1),
      cz AS (SELECT commune_code, zone_code, population_count FROM commune_pmsi_zones WHERE year = (SELECT max(year) FROM commune_pmsi_zones)),
      -- only the codes géo of the asked communes: the flows index (dataset_id, zone_code) does the rest
      mz AS (SELECT DISTINCT zone_code FROM cz WHERE ${codeFilter('commune_code', codes)}),
      zs AS (SELECT zone_code, sum(stays)::float8 AS stays FROM health_flows
             WHERE dataset_id = (SELECT id FROM ds) AND zone_code IN (SELECT zone_code FROM mz) GROUP BY zone_code),
      zp AS (SELECT zone_code, sum(population_count)::float8 AS pop FROM cz WHERE zone_code IN (SELECT zone_code FROM mz) GROUP BY zone_code)
      SELECT m.commune_code, sum(zs.stays * m.population_count / nullif(zp.pop, 0))::float8 AS stays
      FROM cz m JOIN zp ON zp.zone_code = m.zone_code LEFT JOIN zs ON zs.zone_code = m.zone_code
      WHERE ${codeFilter('m.commune_code', codes)}
      GROUP BY m.commune_code) g`,
  );
  return new Map(rows.map((r) => [r.communeCode, r.stays === null ? null : Number(r.stays)]));
}
