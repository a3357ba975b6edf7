import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

function hashTree(h: ReturnType<typeof createHash>, dir: string) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(h, p);
    else h.update(p.slice(ROOT.length)).update(readFileSync(p));
  }
}

/** Changes whenever committed data, migrations or seeders change: seeded templates are rebuilt then. */
export function templateHash(): string {
  const h = createHash('sha256');
  for (const dir of ['data', 'api/src/db']) hashTree(h, join(ROOT, dir));
  return h.digest('hex').slice(0, 12);
}
