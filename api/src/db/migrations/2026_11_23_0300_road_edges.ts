import { sql, type Kysely } from 'kysely';

// Frozen once landed. Road network edges (one row per road piece) for display and cross-checks (pgRouting).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE road_edges (
      network text NOT NULL,
      id integer NOT NULL,
      source integer NOT NULL,
      target integer NOT NULL,
      cost_sec double precision NOT NULL,
      reverse_cost_sec double precision NOT NULL,
      distance_m double precision NOT NULL,
      road_class text NOT NULL,
      geom geometry(LineString, 4326) NOT NULL,
      PRIMARY KEY (network, id)
    )`.execute(db);
  await sql`CREATE INDEX road_edges_geom_gix ON road_edges USING gist (geom)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS road_edges`.execute(db);
}
