import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { pointMatrix, writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { buildCommuneDistancier } from '../../api/src/services/distancier.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const dir = mkdtempSync(join(tmpdir(), 'maillage-distancier-'));
const graphFile = join(dir, 'monaco.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('monaco');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap monaco.osm.pbf (test fixture)', licence: 'ODbL' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('commune distancier', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let report: Awaited<ReturnType<typeof buildCommuneDistancier>>;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const routing = RoutingService.load(t.database, graphFile);
    app = appFor(t.database, { routing }).app;
    report = await buildCommuneDistancier(t.database, fixtureNetwork('monaco').network, { network: 'monaco', cutoffSec: 30 * 60, departements: ['06'] });
  });
  afterAll(async () => t?.close());

  it('stores only communes on the network, and says which are off it (never invented times)', async () => {
    expect(report.originCount).toBeGreaterThanOrEqual(4); // Beausoleil, Cap-d'Ail, La Turbie, Roquebrune-Cap-Martin…
    expect(report.unreachable).toContain('48095'); // Mende is far off the Monaco extract
    expect(report.unreachable).toContain('97411');
    expect(report.pairCount).toBeGreaterThan(report.originCount);
  });

  it('stores exactly the engine’s point-to-point times (float4 rounding only)', async () => {
    const rows = (await sql<{ o: string; d: string; s: number }>`
      SELECT origin_code AS o, dest_code AS d, duration_sec::float8 AS s FROM commune_travel_times WHERE network = 'monaco' ORDER BY 1, 2`.execute(t.database.db)).rows;
    const pts = (await sql<{ code: string; lon: number; lat: number }>`SELECT code, ST_X(point) AS lon, ST_Y(point) AS lat FROM communes WHERE code = ANY(${[...new Set(rows.flatMap((r) => [r.o, r.d]))]}::text[])`.execute(t.database.db)).rows;
    const index = new Map(pts.map((p, i) => [p.code, i]));
    const m = pointMatrix(fixtureNetwork('monaco').network, pts.map((p) => [Number(p.lon), Number(p.lat)]), pts.map((p) => [Number(p.lon), Number(p.lat)]));
    for (const r of rows) {
      if (r.o === r.d) {
        expect(r.s).toBe(0);
        continue;
      }
      const expected = m.durationSec[index.get(r.o)!][index.get(r.d)!]!;
      expect(Math.abs(r.s - expected), `${r.o}→${r.d}`).toBeLessThan(0.01);
      expect(r.s).toBeLessThanOrEqual(30 * 60);
    }
  });

  it('lists the communes reachable from a commune, fastest first', async () => {
    const res = await app.request('/api/distancier/communes/06012?maxMin=15');
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.communes[0]).toMatchObject({ code: '06012', name: 'Beausoleil' });
    const times = body.communes.map((c: Json) => c.durationSec);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.max(...times)).toBeLessThanOrEqual(900);
  });

  it('finds the k nearest actors of a layer per commune', async () => {
    const form = new FormData();
    form.set('file', new File(['id,insee\nA,06032\nB,06104\n'], 'actors.csv'));
    form.set('name', 'Acteurs Monaco');
    form.set('mapping', JSON.stringify({ key: 'id', communeCode: 'insee' }));
    const imported = (await (await app.request('/api/layers/imports', { method: 'POST', body: form })).json()) as Json;
    const res = await app.request(`/api/distancier/nearest?layerId=${imported.layer.id}&k=2&communeCode=06032`);
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.nearest[0]).toMatchObject({ originCode: '06032', rank: 1, key: 'A', destCode: '06032' });
    expect(body.nearest[1]).toMatchObject({ rank: 2, key: 'B', destCode: '06104' });
    expect(body.nearest[1].durationSec).toBeGreaterThan(body.nearest[0].durationSec);
  });

  it('answers 404 with what to do when no distancier exists, 400 on bad input', async () => {
    const none = await app.request('/api/distancier/communes/06012?network=nope');
    expect(none.status).toBe(404);
    expect(((await none.json()) as Json).error.message).toMatch(/distancier:build/);
    expect((await app.request('/api/distancier/communes/ABC')).status).toBe(400);
    expect((await app.request('/api/distancier/nearest?layerId=x')).status).toBe(400);
  });

  it('rebuilds the table the same way with indexes built after a large load, keeping the rows of other networks', async () => {
    const snapshot = async () => (await sql<{ o: string; d: string; s: number; m: number }>`
      SELECT origin_code AS o, dest_code AS d, duration_sec::float8 AS s, distance_m::float8 AS m FROM commune_travel_times WHERE network = 'monaco' ORDER BY 1, 2`.execute(t.database.db)).rows;
    const indexes = async () => (await sql<{ name: string }>`
      SELECT indexname AS name FROM pg_indexes WHERE tablename = 'commune_travel_times' ORDER BY 1`.execute(t.database.db)).rows.map((r) => r.name);
    const before = await snapshot();
    await sql`INSERT INTO commune_travel_times VALUES ('other-network', '75056', '69123', 16000, 460000)`.execute(t.database.db);
    const network = fixtureNetwork('monaco').network;
    const rebuilt = await buildCommuneDistancier(t.database, network, { network: 'monaco', cutoffSec: 30 * 60, departements: ['06'], reindexMinRows: 0 });
    expect(rebuilt.indexesRebuilt).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(await indexes()).toEqual(['commune_travel_times_dest_idx', 'commune_travel_times_pkey']);
    const other = await sql<{ n: number }>`SELECT count(*)::int AS n FROM commune_travel_times WHERE network = 'other-network'`.execute(t.database.db);
    expect(other.rows[0].n).toBe(1);
    // the primary key is back: a duplicate row is refused
    await expect(sql`INSERT INTO commune_travel_times VALUES ('other-network', '75056', '69123', 1, 1)`.execute(t.database.db)).rejects.toThrow(/duplicate key|unique/);
    const incremental = await buildCommuneDistancier(t.database, network, { network: 'monaco', cutoffSec: 30 * 60, departements: ['06'] });
    expect(incremental.indexesRebuilt).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});
