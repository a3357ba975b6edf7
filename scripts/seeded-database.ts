/**
 * What the benches and data scripts share to work on real national data without seeding for minutes: the
 * seeded PGlite database to start from (`--data-dir`, else the newest test template the suite left in
 * .tmp/test-templates) and a private working copy of it (seeding what is missing), removed by `dispose`.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { seedAll } from '../api/src/db/seed/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

/** `--data-dir`, else the newest seeded test template, else null. */
export function seededTemplateDir(): string | null {
  if (args.includes('--data-dir')) return args[args.indexOf('--data-dir') + 1];
  const dir = join(ROOT, '.tmp', 'test-templates');
  if (!existsSync(dir)) return null;
  const templates = readdirSync(dir).filter((d) => /^pglite-[0-9a-f]+$/.test(d)).map((d) => join(dir, d));
  return templates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? null;
}

/** A private copy of the seeded database (a fresh one seeded from data/ when there is none). */
export async function workingDatabase(prefix: string, only?: string[]): Promise<{ database: Database; dispose(): Promise<void> }> {
  const work = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const src = seededTemplateDir();
  if (src) cpSync(src, work, { recursive: true });
  console.log(src ? `database: copy of ${src}` : 'database: fresh, seeding from data/ (minutes)…');
  const database = await createDatabase({ dataDir: work });
  await migrateToLatest(database);
  await seedAll(database, (m) => console.log(`  ${m}`), only);
  return { database, async dispose() { await database.close(); rmSync(work, { recursive: true, force: true }); } };
}
