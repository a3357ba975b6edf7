import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase, useTestApp } from '../helpers/db.js';
import { writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Saint-Germain-en-Laye (real OSM extract, committed fixture). The points of Saint-Germain-en-Laye, Le Pecq,
// Le Mesnil-le-Roi, Mareil-Marly and Achères snap to this small graph; Poissy's and Le Vésinet's lie off it.
const dir = mkdtempSync(join(tmpdir(), 'maillage-matrix-csv-'));
const graphFile = join(dir, 'saint-germain-en-laye.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('saint-germain-en-laye');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap saint-germain-en-laye (test fixture)', sourceDate: '2021', licence: 'ODbL', attribution: '© OpenStreetMap contributors', profile: 'car' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'Code origine;Nom origine;Code destination;Nom destination;Durée (min);Distance (km);Raison';
const MACHINE_HEADER = 'origin_code;origin_name;destination_code;destination_name;duration_min;distance_km;reason';
/** A CSV number (decimal comma) as a JS number. */
const num = (cell: string) => Number(cell.replace(',', '.'));
const SAINT_GERMAIN = { communeCode: '78551' };
const LE_PECQ = { communeCode: '78481' };
const MESNIL = { communeCode: '78396' };
const POISSY = { communeCode: '78498' }; // its point lies west of the fixture's roads
const TERRASSE: [number, number] = [2.1003, 48.8986]; // a point in Saint-Germain-en-Laye, on the graph

/** The file's bytes as text, BOM kept (Response.text() drops it). */
const csvText = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

/** The file's parts: BOM, `# ` provenance lines, header, rows split on `;`. */
function parseCsv(text: string) {
  expect(text.startsWith('\ufeff')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines.pop()).toBe(''); // ends with CRLF
  const comments = lines.filter((l) => l.startsWith('# '));
  const [header, ...rows] = lines.filter((l) => !l.startsWith('# '));
  return { comments, header, rows: rows.map((r) => r.split(';')) };
}

describeEachDatabase('routing matrix as CSV', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let noRoads: ReturnType<typeof appFor>['app'];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database, { routing: RoutingService.load(t.database, graphFile) }).app;
    noRoads = appFor(t.database).app;
  });
  afterAll(async () => t?.close());

  // The fixture's commune points lie up to ~1 km from its roads: snap within 1 km (the server default is 500 m).
  const withSnap = (body: unknown) => ({ maxSnapM: 1000, ...(body as object) });
  const post = (body: unknown, format: 'csv' | 'json' = 'csv', target = app) =>
    target.request(`/api/routing/matrix?format=${format}`, { method: 'POST', body: JSON.stringify(withSnap(body)), headers: { 'Content-Type': 'application/json' } });

  it('answers text/csv with provenance lines, the exact header and one row per pair, named communes', async () => {
    const res = await post({ sources: [SAINT_GERMAIN, LE_PECQ], targets: [SAINT_GERMAIN, LE_PECQ, MESNIL] });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(/attachment; filename="matrice-temps-trajet-2x3\.csv"/);
    const { comments, header, rows } = parseCsv(await csvText(res));
    expect(header).toBe(HEADER);
    expect(rows).toHaveLength(2 * 3);
    expect(rows.map((r) => `${r[0]}→${r[2]}`)).toEqual(['78551→78551', '78551→78481', '78551→78396', '78481→78551', '78481→78481', '78481→78396']);
    expect(rows[1].slice(0, 4)).toEqual(['78551', 'Saint-Germain-en-Laye', '78481', 'Le Pecq']);
    for (const r of rows) {
      expect(r[4]).toMatch(/^\d+(,\d)?$/); // minutes, at most one decimal, decimal comma
      expect(r[5]).toMatch(/^\d+(,\d\d?)?$/); // km, at most two decimals
      expect(r[6]).toBe('');
    }
    const text = comments.join('\n');
    expect(text).toMatch(/2 origines × 3 destinations \(6 couples\)/);
    expect(text).toMatch(/OpenStreetMap saint-germain-en-laye \(test fixture\) ; date : 2021 ; licence : ODbL ; © OpenStreetMap contributors/);
    expect(text).toMatch(/calculé le \d{4}-\d\d-\d\dT[\d:.]+Z en \d+ ms/);
  });

  it('gives for each pair the JSON matrix value, rounded (minutes 1 decimal, km 2 decimals)', async () => {
    const body = { sources: [SAINT_GERMAIN, TERRASSE], targets: [LE_PECQ, MESNIL] };
    const json = (await (await post(body, 'json')).json()) as Json;
    const { rows } = parseCsv(await csvText(await post(body)));
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const row = rows[i * 2 + j];
        expect(json.durationSec[i][j]).toBeGreaterThan(60);
        expect(num(row[4])).toBe(Math.round(json.durationSec[i][j] / 6) / 10);
        expect(num(row[5])).toBe(Math.round(json.distanceM[i][j] / 10) / 100);
      }
    }
    // Saint-Germain-en-Laye → Le Pecq: the point on surface of each commune, a few minutes down the hill
    expect(num(rows[0][4])).toBeGreaterThan(2);
    expect(num(rows[0][4])).toBeLessThan(20);
    expect(rows[2].slice(0, 2)).toEqual([TERRASSE.join(','), '']); // raw coordinates: code "lon,lat"
  });

  it('writes decimal points with ?decimal=point and a machine-name row with ?machineNames=1 (documented for tools)', async () => {
    const body = { sources: [SAINT_GERMAIN], targets: [LE_PECQ] };
    const res = await app.request('/api/routing/matrix?format=csv&decimal=point&machineNames=1', { method: 'POST', body: JSON.stringify(withSnap(body)), headers: { 'Content-Type': 'application/json' } });
    const { header, rows } = parseCsv(await csvText(res));
    expect(header).toBe(HEADER);
    expect(rows[0].join(';')).toBe(MACHINE_HEADER);
    expect(rows[1][4]).toMatch(/^\d+(\.\d)?$/);
  });

  it('accepts communes by name, told apart by their département; an ambiguous name lists the candidates in French', async () => {
    const { rows } = parseCsv(await csvText(await post({ sources: [{ communeName: 'Saint-Germain-en-Laye' }], targets: [{ communeName: 'le pecq (78)' }, MESNIL] })));
    expect(rows.map((r) => r.slice(0, 4).join('|'))).toEqual(['78551|Saint-Germain-en-Laye|78481|Le Pecq', '78551|Saint-Germain-en-Laye|78396|Le Mesnil-le-Roi']);
    const ambiguous = await post({ sources: [SAINT_GERMAIN], targets: [{ communeName: 'Saint-Denis' }] });
    expect(ambiguous.status).toBe(400);
    const error = ((await ambiguous.json()) as Json).error;
    expect(error.code).toBe('AMBIGUOUS_COMMUNE_NAME');
    expect(error.message).toMatch(/^targets\[0\] : « Saint-Denis » désigne \d+ communes : /);
    expect(error.message).toContain('Saint-Denis (93) — Seine-Saint-Denis');
    expect(error.message).toContain('Saint-Denis (974) — La Réunion');
    expect(error.message).toMatch(/Précisez le département, ex\. « Saint-Denis \(\d+\) »/);
    const unknown = await post({ sources: [{ communeName: 'Le Pecq (93)' }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Json).error).toMatchObject({ code: 'UNKNOWN_COMMUNE_NAME', message: expect.stringMatching(/ce nom existe ailleurs : Le Pecq \(78\) — Yvelines/) });
  });

  it('names coordinates by the caller\'s id and name (quoted when needed); targets default to the sources', async () => {
    const agence = { id: 'AG-12', name: 'Agence Terrasse', lon: TERRASSE[0], lat: TERRASSE[1] };
    const { rows } = parseCsv(await csvText(await post({ sources: [agence, LE_PECQ] })));
    expect(rows.map((r) => r.slice(0, 4).join('|'))).toEqual([
      'AG-12|Agence Terrasse|AG-12|Agence Terrasse',
      'AG-12|Agence Terrasse|78481|Le Pecq',
      '78481|Le Pecq|AG-12|Agence Terrasse',
      '78481|Le Pecq|78481|Le Pecq',
    ]);
    const quoted = (await csvText(await post({ sources: [{ ...agence, name: 'Agence; "Terrasse"' }] }))).split('\r\n');
    // the same point to itself is no trip: 0 min, 0 km
    expect(quoted.find((l) => l.startsWith('AG-12'))).toBe('AG-12;"Agence; ""Terrasse""";AG-12;"Agence; ""Terrasse""";0;0;');
  });

  it('leaves the cells of unreachable pairs empty and says why', async () => {
    const res = await post({ sources: [SAINT_GERMAIN, POISSY, [2.35, 48.85]], targets: [LE_PECQ, POISSY] });
    const { comments, rows } = parseCsv(await csvText(res));
    expect(rows).toHaveLength(6);
    const cells = rows.map((r) => [r[0], r[2], r[4], r[5], r[6]]);
    expect(cells[0]).toEqual(['78551', '78481', expect.stringMatching(/\d/), expect.stringMatching(/\d/), '']);
    expect(cells[1]).toEqual(['78551', '78498', '', '', 'destination hors du réseau routier']);
    expect(cells[2]).toEqual(['78498', '78481', '', '', 'origine hors du réseau routier']);
    expect(cells[3]).toEqual(['78498', '78498', '', '', 'origine hors du réseau routier']);
    expect(cells[4]).toEqual(['2.35,48.85', '78481', '', '', 'origine hors du réseau routier']);
    expect(rows[2][1]).toBe('Poissy');
    expect(comments.join('\n')).toMatch(/la colonne « Raison » dit pourquoi \(origine hors du réseau routier, destination hors du réseau routier, aucun itinéraire\)/);
  });

  it('rejects unknown commune codes, bad points and formats with 400, no network with 503', async () => {
    const unknown = await post({ sources: [SAINT_GERMAIN], targets: [LE_PECQ, { communeCode: '78999' }] });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as Json;
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/targets\[1\].*78999/) });
    const badName = await post({ sources: [{ lon: 2.1, lat: 95, name: 'x' }] });
    expect(badName.status).toBe(400);
    const format = await app.request('/api/routing/matrix?format=xlsx', { method: 'POST', body: JSON.stringify({ sources: [SAINT_GERMAIN] }), headers: { 'Content-Type': 'application/json' } });
    expect(format.status).toBe(400);
    expect(((await format.json()) as Json).error.code).toBe('VALIDATION_FAILED');
    const off = await post({ sources: [SAINT_GERMAIN] }, 'csv', noRoads);
    expect(off.status).toBe(503);
    expect(((await off.json()) as Json).error.code).toBe('NOT_AVAILABLE');
  });

  it('caps CSV matrices at 2,500 × 2,500 with the same 413', async () => {
    const res = await post({ sources: [SAINT_GERMAIN], targets: Array.from({ length: 2501 }, () => LE_PECQ) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as Json;
    expect(body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/2\s500 origines × 2\s500 destinations.*1 × 2\s501/) });
  });

  it('streams a large matrix: 400 × 400 = 160,000 rows', async () => {
    const targets = Array.from({ length: 400 }, (_, k) => [TERRASSE[0] + (k % 20) * 0.001, TERRASSE[1] + Math.floor(k / 20) * 0.001]);
    const { rows } = parseCsv(await csvText(await post({ sources: targets, targets })));
    expect(rows).toHaveLength(160_000);
    expect(rows[160_000 - 1][0]).toBe(targets[399].join(','));
  });
});

describeEachDatabase('communes of a département', (kind) => {
  const ctx = useTestApp(kind);

  it('lists every commune of a département (for matrix selections), 404 for an unknown one', async () => {
    const res = await ctx.app.request('/api/communes?departement=78');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.communes.length).toBeGreaterThan(250);
    expect(body.communes.every((c: Json) => c.code.startsWith('78'))).toBe(true);
    expect(body.communes.find((c: Json) => c.code === '78551')).toMatchObject({ name: 'Saint-Germain-en-Laye', point: [expect.any(Number), expect.any(Number)] });
    expect(((await (await ctx.app.request('/api/communes?departement=2a')).json()) as Json).communes[0].code).toMatch(/^2A/);
    expect((await ctx.app.request('/api/communes?departement=99')).status).toBe(404);
    // One département rule (domain/territory/codes.ts): the overseas collectivities the territory data holds are départements too.
    expect(((await (await ctx.app.request('/api/communes?departement=977')).json()) as Json).communes.map((c: Json) => c.code)).toContain('97701');
    expect((await ctx.app.request('/api/communes?departement=979')).status).toBe(400);
    expect((await ctx.app.request('/api/communes?departement=7')).status).toBe(400);
    expect((await ctx.app.request('/api/communes')).status).toBe(400);
  });
});
