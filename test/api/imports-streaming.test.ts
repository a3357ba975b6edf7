import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { importLayer } from '../../api/src/services/imports.js';

/** A CSV of `n` rows located by commune code; `dupEvery` repeats an earlier key (across batch boundaries). */
function csv(n: number, dupEvery = 0): Uint8Array {
  const lines = ['id;code_insee;ca'];
  for (let i = 0; i < n; i++) {
    const key = dupEvery && i > 0 && i % dupEvery === 0 ? `R${i - 4999}` : `R${i}`;
    lines.push(`${key};${i % 2 ? '35238' : '29019'};${i},5`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}
const request = (name: string, bytes: Uint8Array) => ({
  fileName: 'stream.csv',
  bytes,
  mapping: { key: 'id', communeCode: 'code_insee', measures: [{ column: 'ca', type: 'number' as const }] },
  layer: { name, kind: 'internal' as const, description: '', sourceNote: '', synthetic: false },
});

describeEachDatabase('streaming imports (several batches)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  const count = async (name: string) =>
    (await sql<{ n: number }>`SELECT (SELECT count(*)::int FROM layer_features f WHERE f.layer_id = l.id) AS n FROM layers l WHERE l.name = ${name}`.execute(t.database.db)).rows[0]?.n ?? null;

  it('imports 12,001 rows in three batches, with duplicates found across batch boundaries', async () => {
    const batches: number[] = [];
    const { report } = await importLayer(t.database, request('Flux', csv(12_001, 6000)), (n) => void batches.push(n));
    expect(batches).toEqual([5000, 9999, 11999]); // accepted rows so far, after each batch
    expect(report).toMatchObject({ rowsRead: 12_001, imported: 11_999, rejected: 2, byPrecision: { commune: 11_999 } });
    expect(report.duplicateKeys).toEqual([{ key: 'R1001', rows: [1003, 6002] }, { key: 'R7001', rows: [7003, 12002] }]);
    expect(await count('Flux')).toBe(11_999);
    const sum = await sql<{ s: number }>`SELECT sum((f.measures->>'ca')::float8)::float8 AS s FROM layer_features f JOIN layers l ON l.id = f.layer_id WHERE l.name = 'Flux'`.execute(t.database.db);
    expect(sum.rows[0].s).toBe(Array.from({ length: 12_001 }, (_, i) => i + 0.5).reduce((a, b) => a + b, 0) - (6000.5 + 12000.5));
  });

  it('stops a file over the row cap while streaming: 413, and the earlier version of the layer is intact', async () => {
    await importLayer(t.database, request('Plafond', csv(100)));
    const over = importLayer(t.database, request('Plafond', csv(12_000)), undefined, { maxBytes: 1e8, maxRows: 7000 });
    await expect(over).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'stream.csv a plus de 7\u202f000 lignes ; la limite est de 7\u202f000 lignes par import : découpez-le.' });
    expect(await count('Plafond')).toBe(100);
    await expect(importLayer(t.database, request('Jamais', csv(12_000)), undefined, { maxBytes: 1e8, maxRows: 7000 })).rejects.toMatchObject({ status: 413 });
    expect(await count('Jamais')).toBeNull();
  });

  it('rolls back on a broken quote found in a later batch, with its row number', async () => {
    const text = new TextDecoder().decode(csv(8000)) + '\nR9000;35238;"1,5\nR9001;35238;2\n';
    await expect(importLayer(t.database, request('Guillemet', new TextEncoder().encode(text)))).rejects.toMatchObject({ status: 400, code: 'IMPORT_INVALID_FILE', message: expect.stringMatching(/^stream.csv : ligne 8002 du CSV : un guillemet n'est pas refermé/) });
    expect(await count('Guillemet')).toBeNull();
  });
});
