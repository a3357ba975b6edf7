import type { Database } from '../database.js';

export type Progress = (message: string) => void;

/** A loader of committed data/ artifacts into the database: idempotent, versioned in dataset_loads. */
export interface Seeder {
  name: string;
  /** Changes when the artifact changes (file hash, generator version): a new version reloads. */
  version(): Promise<string> | string;
  /** Loads inside one transaction; on error nothing is stored. */
  load(database: Database, progress: Progress): Promise<Record<string, unknown>>;
  /** Seeders that must be loaded first (by name). */
  dependsOn?: string[];
}
