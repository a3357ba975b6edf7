import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';
import { saveZones } from '../../api/src/services/zones-bulk.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('zones bulk save', (kind) => {
  const ctx = useTestApp(kind);
  const db = () => ctx.t.database.db;

  it('saves hundreds of zones in one go (groups of 10 communes of the Ain to the Ariège, and the whole Lozère), population and outline per zone, empty ones said', async () => {
    const communes = await sql<{ code: string; dep: string; pop: number }>`
      SELECT code, departement_code AS dep, coalesce(population_count, 0)::float8 AS pop FROM communes
      WHERE departement_code IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '48') ORDER BY code`.execute(db());
    const zones: { name: string; description: string; method: Record<string, unknown>; members: { communeCode: string; weight: number }[] }[] = [];
    const lozere = communes.rows.filter((c) => c.dep === '48');
    zones.push({ name: 'Lozère', description: 'test', method: { type: 'test' }, members: lozere.map((c) => ({ communeCode: c.code, weight: 1 })) });
    const rest = communes.rows.filter((c) => c.dep !== '48');
    for (let i = 0; i < rest.length; i += 10) zones.push({ name: `Groupe ${i / 10}`, description: 'test', method: { type: 'test' }, members: rest.slice(i, i + 10).map((c) => ({ communeCode: c.code, weight: 1 })) });
    zones.push({ name: 'Vide', description: '', method: { type: 'test' }, members: [] });
    const t0 = performance.now();
    const saved = await saveZones(db(), 'basin', zones);
    const ms = performance.now() - t0;
    console.log(`[${kind}] saveZones: ${zones.length - 1} zones, ${zones.reduce((n, z) => n + z.members.length, 0)} members in ${Math.round(ms)} ms`);
    expect(saved.skippedEmpty).toEqual(['Vide']);
    expect(saved.zones).toHaveLength(zones.length - 1);
    expect(zones.length).toBeGreaterThan(250);
    const pop = new Map(communes.rows.map((c) => [c.code, Number(c.pop)]));
    saved.zones.forEach((z, k) => {
      expect(z.name).toBe(zones[k].name);
      expect(z.communeCount).toBe(zones[k].members.length);
      expect(z.populationCount).toBe(Math.round(zones[k].members.reduce((s, m) => s + pop.get(m.communeCode)!, 0)));
    });
    const rows = await sql<{ n: number; geoms: number; members: number; kinds: number }>`
      SELECT count(*)::int AS n, count(v.geom)::int AS geoms, (SELECT count(*)::int FROM zone_members m WHERE m.zone_id = ANY(${saved.zones.map((z) => z.id)}::uuid[])) AS members,
             count(*) FILTER (WHERE z.kind = 'basin' AND z.method->>'type' = 'test')::int AS kinds
      FROM zones z JOIN zone_versions v ON v.zone_id = z.id WHERE z.id = ANY(${saved.zones.map((z) => z.id)}::uuid[])`.execute(db());
    expect(rows.rows[0]).toEqual({ n: saved.zones.length, geoms: saved.zones.length, members: zones.reduce((n, z) => n + z.members.length, 0), kinds: saved.zones.length });
    const one = await ctx.app.request(`/api/zones/${saved.zones[0].id}/profile`);
    expect(one.status).toBe(200);
    const body = (await one.json()) as Json;
    expect(JSON.stringify(body)).toContain('population');
  }, 300_000);

  it('refuses more zones than the cap (400 ZONES_TOO_MANY, French message, nothing stored)', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(db());
    const zones = Array.from({ length: 3 }, (_, i) => ({ name: `Z${i}`, description: '', method: {}, members: [{ communeCode: '48095', weight: 1 }] }));
    await expect(saveZones(db(), 'basin', zones, { max: 2 })).rejects.toMatchObject({ status: 400, code: 'ZONES_TOO_MANY', message: expect.stringContaining('au plus 2') });
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(db());
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
