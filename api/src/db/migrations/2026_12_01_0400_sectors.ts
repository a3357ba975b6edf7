import { sql, type Kysely } from 'kysely';

// Frozen once landed. Sales sectors (issue 16): a plan is a named, versioned set of sectors over communes. Versions
// are immutable — an edit or an optimisation writes version n + 1 — so a comparison or an export always reads what
// was shown. A version keeps its options (what produced it: import, edit, optimisation parameters) and its KPIs.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sector_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL REFERENCES workspaces(id),
      name text NOT NULL,
      current_version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL DEFAULT 'utilisateur local',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX sector_plans_workspace_idx ON sector_plans (workspace_id, updated_at)`.execute(db);
  await sql`
    CREATE TABLE sector_plan_versions (
      plan_id uuid NOT NULL REFERENCES sector_plans(id) ON DELETE CASCADE,
      version integer NOT NULL,
      workspace_id text NOT NULL REFERENCES workspaces(id),
      parent_version integer,
      note text NOT NULL DEFAULT '',
      options jsonb NOT NULL DEFAULT '{}',
      kpis jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE sector_plan_sectors (
      plan_id uuid NOT NULL,
      version integer NOT NULL,
      key text NOT NULL,
      position integer NOT NULL,
      name text NOT NULL,
      owner text,
      colour text,
      base_lon double precision,
      base_lat double precision,
      base_commune_code text REFERENCES communes(code),
      locked boolean NOT NULL DEFAULT false,
      PRIMARY KEY (plan_id, version, key),
      FOREIGN KEY (plan_id, version) REFERENCES sector_plan_versions(plan_id, version) ON DELETE CASCADE
    )`.execute(db);
  await sql`
    CREATE TABLE sector_plan_assignments (
      plan_id uuid NOT NULL,
      version integer NOT NULL,
      commune_code text NOT NULL REFERENCES communes(code),
      sector_key text NOT NULL,
      locked boolean NOT NULL DEFAULT false,
      PRIMARY KEY (plan_id, version, commune_code),
      FOREIGN KEY (plan_id, version, sector_key) REFERENCES sector_plan_sectors(plan_id, version, key) ON DELETE CASCADE
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sector_plan_assignments`.execute(db);
  await sql`DROP TABLE IF EXISTS sector_plan_sectors`.execute(db);
  await sql`DROP TABLE IF EXISTS sector_plan_versions`.execute(db);
  await sql`DROP TABLE IF EXISTS sector_plans`.execute(db);
}
