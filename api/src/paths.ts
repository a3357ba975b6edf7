/**
 * Where the repository's files are, for code that runs from api/src (tsx, vitest) or from the bundle `npm start`
 * builds into api/dist: both find the root by walking up to the folder holding package.json and data/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data')) && existsSync(join(dir, 'api'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Maillage's repository root not found above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = join(REPO_ROOT, 'data');
export const WEB_DIST_DIR = join(REPO_ROOT, 'web', 'dist');
export const SCRIPTS_DIR = join(REPO_ROOT, 'scripts');
export const API_SRC_DIR = join(REPO_ROOT, 'api', 'src');
