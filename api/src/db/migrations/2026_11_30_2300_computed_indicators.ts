import { sql, type Kysely } from 'kysely';

// Frozen once landed. Computed indicators (issue 15, reused by issue 18): a per-commune figure the app computed
// (an accessibility index, a time to the nearest maternity…) saved with its method, so that the registry lists
// it (quality 'computed') for the map, zone profiles, comparisons and exports. Values NULL = not computable
// (a commune off the road network), never 0 for "no data"; deleting the indicator deletes its values.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE computed_indicators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL REFERENCES workspaces(id),
      label text NOT NULL,
      unit text NOT NULL,
      definition text NOT NULL,
      source text NOT NULL,
      method jsonb NOT NULL,
      quality text NOT NULL DEFAULT 'computed',
      created_by text NOT NULL DEFAULT 'utilisateur local',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX computed_indicators_workspace_idx ON computed_indicators (workspace_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE computed_indicator_values (
      indicator_id uuid NOT NULL REFERENCES computed_indicators(id) ON DELETE CASCADE,
      commune_code text NOT NULL,
      value double precision,
      PRIMARY KEY (indicator_id, commune_code)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS computed_indicator_values`.execute(db);
  await sql`DROP TABLE IF EXISTS computed_indicators`.execute(db);
}
