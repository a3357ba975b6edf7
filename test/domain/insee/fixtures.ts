import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import Papa from 'papaparse';

const root = join(import.meta.dirname, '../../..');
/** Raw sources (../shared/data): tests that read them are skipped where they are absent. */
export const SHARED = join(root, '../shared/data');
export const hasShared = existsSync(join(SHARED, 'insee/comparateur-communes-2021.csv.gz'));
export const ARTIFACTS = join(root, 'data/insee');

export function readCsv(path: string, delimiter = ','): Record<string, string>[] {
  const buf = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter }).data;
}
