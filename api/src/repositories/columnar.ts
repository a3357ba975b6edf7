import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Reads a query as one array per column (one JSON text row) and zips it back into row objects: PGlite
 * decodes every row and field in JavaScript, so wide reads are far cheaper this way (see zone-facts.ts).
 * `columns`: output key → SQL expression (may carry `ORDER BY`); `from`: the FROM/WHERE clause.
 */
export async function columnar<Row>(db: Kysely<DB>, columns: Record<string, RawBuilder<unknown>>, from: RawBuilder<unknown>): Promise<Row[]> {
  const keys = Object.keys(columns);
  const r = await sql<{ j: string | null }>`SELECT json_build_array(${sql.join(keys.map((k) => sql`array_agg(${columns[k]})`))})::text AS j ${from}`.execute(db);
  const arrays = JSON.parse(r.rows[0]?.j ?? 'null') as (unknown[] | null)[] | null;
  if (!arrays || !arrays[0]) return [];
  const n = arrays[0].length;
  const out = new Array<Row>(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    keys.forEach((k, j) => (row[k] = arrays[j]![i]));
    out[i] = row as Row;
  }
  return out;
}

export const col = (name: string) => sql`${sql.ref(name)}`;
