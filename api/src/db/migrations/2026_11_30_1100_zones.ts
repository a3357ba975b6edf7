import { sql, type Kysely } from 'kysely';

// Frozen once landed. Workspaces (one 'default' row for now), saved zones with immutable versions of their
// membership, and the export log. Every zone row carries workspace_id (zones, versions and members alike),
// so the roles issue and a workspace-sharded PostgreSQL need no migration of these tables.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE workspaces (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`INSERT INTO workspaces (id, name) VALUES ('default', 'Espace de travail')`.execute(db);
  await sql`
    CREATE TABLE zones (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL REFERENCES workspaces(id),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      kind text NOT NULL CHECK (kind IN ('drawn', 'list', 'admin', 'isochrone', 'import', 'trade_area', 'basin', 'sector')),
      method jsonb NOT NULL DEFAULT '{}',
      current_version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL DEFAULT 'utilisateur local',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX zones_workspace_idx ON zones (workspace_id, deleted_at)`.execute(db);
  await sql`
    CREATE TABLE zone_versions (
      zone_id uuid NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
      version integer NOT NULL,
      workspace_id text NOT NULL REFERENCES workspaces(id),
      commune_count integer NOT NULL,
      population_count double precision NOT NULL,
      note text NOT NULL DEFAULT '',
      method jsonb NOT NULL DEFAULT '{}',
      geom geometry(Geometry, 4326),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (zone_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE zone_members (
      zone_id uuid NOT NULL,
      version integer NOT NULL,
      workspace_id text NOT NULL REFERENCES workspaces(id),
      commune_code text NOT NULL REFERENCES communes(code),
      weight double precision NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 1),
      PRIMARY KEY (zone_id, version, commune_code),
      FOREIGN KEY (zone_id, version) REFERENCES zone_versions(zone_id, version) ON DELETE CASCADE
    )`.execute(db);
  await sql`
    CREATE TABLE export_log (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL REFERENCES workspaces(id),
      user_name text NOT NULL,
      kind text NOT NULL,
      target text NOT NULL,
      format text NOT NULL,
      parameters jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX export_log_workspace_idx ON export_log (workspace_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS export_log, zone_members, zone_versions, zones, workspaces CASCADE`.execute(db);
}
