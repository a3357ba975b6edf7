import { sql } from 'kysely';
import type { Database } from '../database.js';
import type { Progress, Seeder } from './types.js';
import { territorySeeder } from './territory.js';
import { demoCrmSeeder } from './demo-crm.js';
import { healthSeeder } from './health.js';
import { inseeSeeder } from './insee.js';
import { demoStoresSeeder } from './demo-stores.js';

/** Every loader of committed data, in dependency order. Add one line per new seeder. */
export const seeders: Seeder[] = [territorySeeder, demoCrmSeeder, healthSeeder, inseeSeeder, demoStoresSeeder];

/** Loads each dataset whose committed version differs from the loaded one; returns what was loaded. */
export async function seedAll(database: Database, progress: Progress = () => {}, only?: string[]): Promise<string[]> {
  const loaded: string[] = [];
  for (const seeder of seeders) {
    if (only && !only.includes(seeder.name)) continue;
    const version = await seeder.version();
    const row = await database.db.selectFrom('datasetLoads').select('version').where('name', '=', seeder.name).executeTakeFirst();
    if (row?.version === version) continue;
    const started = Date.now();
    progress(`[${seeder.name}] loading (first start or new data version)…`);
    const details = await seeder.load(database, (m) => progress(`[${seeder.name}] ${m}`));
    await sql`INSERT INTO dataset_loads (name, version, loaded_at, details) VALUES (${seeder.name}, ${version}, now(), ${JSON.stringify({ ...details, durationMs: Date.now() - started })}::jsonb)
              ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, loaded_at = EXCLUDED.loaded_at, details = EXCLUDED.details`.execute(database.db);
    progress(`[${seeder.name}] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    loaded.push(seeder.name);
  }
  return loaded;
}
