import { sql, type Kysely } from 'kysely';

// Frozen once landed. Sparse commune × commune drive times within a cut-off, per road network.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE commune_travel_times (
      network text NOT NULL,
      origin_code text NOT NULL,
      dest_code text NOT NULL,
      duration_sec real NOT NULL,
      distance_m real NOT NULL,
      PRIMARY KEY (network, origin_code, dest_code)
    )`.execute(db);
  await sql`CREATE INDEX commune_travel_times_dest_idx ON commune_travel_times (network, dest_code)`.execute(db);
  await sql`
    CREATE TABLE distancier_builds (
      network text PRIMARY KEY,
      cutoff_sec integer NOT NULL,
      origin_count integer NOT NULL,
      pair_count bigint NOT NULL,
      unreachable jsonb NOT NULL DEFAULT '[]',
      built_at timestamptz NOT NULL DEFAULT now(),
      details jsonb NOT NULL DEFAULT '{}'
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS commune_travel_times, distancier_builds`.execute(db);
}
