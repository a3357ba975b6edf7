import { beforeAll, afterAll, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/db.js';
import type { CogEntry } from '../../api/src/domain/territory/cog.js';

const require = createRequire(import.meta.url);
const cog = require('@etalab/decoupage-administratif/data/communes.json') as CogEntry[];
const current = cog.filter((c) => c.type === 'commune-actuelle');

describeEachDatabase('territory reference data', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('has exactly the COG 2026 communes of the package, none dropped', async () => {
    const rows = await t.database.db.selectFrom('communes').select('code').execute();
    expect(rows.length).toBe(current.length);
    const codes = new Set(rows.map((r) => r.code));
    expect(current.filter((c) => !codes.has(c.code))).toEqual([]);
  });

  it("sums to the package's national population", async () => {
    const row = await t.database.db.selectFrom('communes').select(sql<number>`sum(population_count)::float8`.as('total')).executeTakeFirstOrThrow();
    expect(row.total).toBe(current.reduce((s, c) => s + (c.population ?? 0), 0));
  });

  it('gives every commune of the 101 départements a polygon, a point on surface inside it and an area', async () => {
    const missing = await t.database.db
      .selectFrom('communes')
      .select(['code', 'name'])
      .where('zone', '<>', 'com')
      .where((eb) => eb.or([eb('geom', 'is', null), eb('point', 'is', null), eb('areaKm2', 'is', null), eb('areaKm2', '<=', 0)]))
      .execute();
    expect(missing).toEqual([]);
    const outside = await sql<{ n: number }>`SELECT count(*)::int AS n FROM communes WHERE geom IS NOT NULL AND NOT ST_Intersects(point, geom)`.execute(t.database.db);
    expect(outside.rows[0].n).toBe(0);
  });

  it('keeps overseas collectivities (COM) without polygon but with a stated reason', async () => {
    const com = await t.database.db.selectFrom('communes').select(['code', 'geometryStatus', 'geometryNote']).where('zone', '=', 'com').execute();
    expect(com.length).toBe(current.filter((c) => c.zone === 'com').length);
    for (const c of com) {
      expect(c.geometryStatus).toBe('missing');
      expect(c.geometryNote).toMatch(/outre-mer/);
    }
  });

  it('flags communes restored after 2018 as approximate, with a note', async () => {
    const rows = await t.database.db.selectFrom('communes').select(['code', 'geometryNote']).where('geometryStatus', '=', 'approximate_parent_2018').orderBy('code').execute();
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['14666', '15031', '85165']));
    for (const r of rows) expect(r.geometryNote).toBeTruthy();
  });

  it('has départements and régions whose populations add up to the communes', async () => {
    const deps = await sql<{ n: number; p: number }>`SELECT count(*)::int AS n, sum(population_count)::float8 AS p FROM departements`.execute(t.database.db);
    expect(deps.rows[0].n).toBe(109);
    expect(deps.rows[0].p).toBe(current.reduce((s, c) => s + (c.population ?? 0), 0));
    const metroArea = await sql<{ km2: number }>`SELECT sum(area_km2)::float8 AS km2 FROM regions WHERE code NOT IN ('01','02','03','04','06') AND geom IS NOT NULL`.execute(t.database.db);
    // Metropolitan France ≈ 543,940 km² (IGN); generalised outlines land within 1 %.
    expect(metroArea.rows[0].km2).toBeGreaterThan(538000);
    expect(metroArea.rows[0].km2).toBeLessThan(550000);
  });
});
