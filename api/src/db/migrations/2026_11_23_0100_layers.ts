import { sql, type Kysely } from 'kysely';

// Frozen once landed. Layers (customer/external/computed data placed on the territory) and their rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE layers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('internal', 'external', 'computed', 'reference')),
      description text NOT NULL DEFAULT '',
      source_note text NOT NULL DEFAULT '',
      owner text NOT NULL DEFAULT 'utilisateur local',
      synthetic boolean NOT NULL DEFAULT false,
      hidden boolean NOT NULL DEFAULT false,
      measures jsonb NOT NULL DEFAULT '[]',
      provenance jsonb NOT NULL DEFAULT '{}',
      feature_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE layer_features (
      layer_id uuid NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
      key text NOT NULL,
      source_row integer NOT NULL,
      name text,
      category text,
      commune_code text REFERENCES communes(code),
      precision text NOT NULL CHECK (precision IN ('coordinates', 'commune', 'postcode')),
      located_via text NOT NULL,
      measures jsonb NOT NULL DEFAULT '{}',
      date date,
      geom geometry(Point, 4326) NOT NULL,
      PRIMARY KEY (layer_id, key)
    )`.execute(db);
  await sql`CREATE INDEX layer_features_geom_gix ON layer_features USING gist (geom)`.execute(db);
  await sql`CREATE INDEX layer_features_commune_idx ON layer_features (layer_id, commune_code)`.execute(db);
  await sql`
    CREATE TABLE layer_rejects (
      layer_id uuid NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
      source_row integer NOT NULL,
      key text,
      field text NOT NULL,
      reason text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX layer_rejects_layer_idx ON layer_rejects (layer_id, source_row)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS layer_rejects, layer_features, layers CASCADE`.execute(db);
}
