import { sql, type Kysely } from 'kysely';

// Frozen once landed. Trade areas (issue 14): what-if scenarios, saved to be listed and compared. The trade
// areas themselves are zones (kind 'trade_area'); a scenario keeps its request (stores, parameters, changes)
// and its summary (per-store change), so it can be shown again or re-run on another network.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE area_scenarios (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL REFERENCES workspaces(id),
      name text NOT NULL,
      request jsonb NOT NULL,
      summary jsonb NOT NULL,
      created_by text NOT NULL DEFAULT 'utilisateur local',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX area_scenarios_workspace_idx ON area_scenarios (workspace_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS area_scenarios`.execute(db);
}
