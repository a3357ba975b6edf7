import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ExportLogEntry {
  workspaceId: string;
  userName: string;
  kind: string;
  target: string;
  format: string;
  parameters: Record<string, unknown>;
}

/** Records one export (who, what, when, parameters); roles will read it. */
export async function logExport(db: Kysely<DB>, e: ExportLogEntry): Promise<string> {
  const r = await db.insertInto('exportLog').values({ ...e, parameters: JSON.stringify(e.parameters) }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listExports(db: Kysely<DB>, workspaceId: string, limit = 100) {
  return db.selectFrom('exportLog').selectAll().where('workspaceId', '=', workspaceId).orderBy('createdAt', 'desc').limit(limit).execute();
}
