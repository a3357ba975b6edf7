import { sql, type Kysely } from 'kysely';

// Frozen once landed. A deleted layer is kept (deleted_at set) so that "Annuler" can restore it; reads skip it.
// The import report also keeps warnings (rows kept but flagged) next to the rejects: layer_rejects.severity.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE layers ADD COLUMN deleted_at timestamptz`.execute(db);
  await sql`ALTER TABLE layer_rejects ADD COLUMN severity text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE layer_rejects DROP COLUMN severity`.execute(db);
  await sql`ALTER TABLE layers DROP COLUMN deleted_at`.execute(db);
}
