import { sql, type Kysely } from 'kysely';

// Frozen once landed. layer_features.commune_code keeps its index but loses its foreign key: every code written
// comes from the communes table itself (geocoding reference or point-in-commune probe, in the import's own
// transaction), and the per-row referential trigger cost ~1 s per 100,000 imported rows on PGlite.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE layer_features DROP CONSTRAINT IF EXISTS layer_features_commune_code_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE layer_features ADD CONSTRAINT layer_features_commune_code_fkey FOREIGN KEY (commune_code) REFERENCES communes(code)`.execute(db);
}
