/**
 * What the trade-area scripts (gen-demo-stores, bench-areas) share: the national graph file and a working copy
 * of a seeded PGlite database (`--data-dir`, else the newest test template, else a fresh one seeded here).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { seedAll } from '../api/src/db/seed/index.js';

const args = process.argv.slice(2);
export const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
export const ROOT = new URL('..', import.meta.url).pathname;

/** `--graph`, else the graph `npm start` builds from data/roads; exits with a message when absent. */
export function graphFileOrExit(): string {
  const file = arg('--graph') ?? join(ROOT, '.maillage', 'roads', 'france-osm-2021.graph');
  if (!existsSync(file)) {
    console.error(`no road graph at ${file}: run npm start once (it builds it) or pass --graph`);
    process.exit(2);
  }
  return file;
}

function templateDir(): string | null {
  const given = arg('--data-dir');
  if (given) return given;
  const dir = join(ROOT, '.tmp', 'test-templates');
  if (!existsSync(dir)) return null;
  const templates = readdirSync(dir).filter((d) => /^pglite-[0-9a-f]+$/.test(d)).map((d) => join(dir, d));
  return templates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? null;
}

/** A private copy of a seeded database (seeding what is missing); `dispose` closes and removes it. */
export async function workingDatabase(only?: string[]): Promise<{ database: Database; dispose(): Promise<void> }> {
  const work = mkdtempSync(join(tmpdir(), 'maillage-areas-script-'));
  const src = templateDir();
  if (src) cpSync(src, work, { recursive: true });
  console.log(src ? `database: copy of ${src}` : 'database: fresh, seeding from data/ (minutes)…');
  const database = await createDatabase({ dataDir: work });
  await migrateToLatest(database);
  await seedAll(database, (m) => console.log(`  ${m}`), only);
  return { database, async dispose() { await database.close(); rmSync(work, { recursive: true, force: true }); } };
}

/** Draws indices with probability ∝ weights: one rand() per draw, binary search on the running sums. */
export function weightedPicker(weights: ArrayLike<number>, rand: () => number): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) cumulative[i] = total += weights[i];
  return () => {
    const r = rand() * total;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * Customers of the own stores drawn from a Huff result: a commune ∝ population × own share, then an own store
 * ∝ P(commune → store) (by independence of irrelevant alternatives, the choice among own stores follows the model).
 */
export function ownCustomerDrawer(prob: Float32Array, ownShareRatio: Float64Array, population: ArrayLike<number>, own: ArrayLike<number>, rand: () => number) {
  const C = ownShareRatio.length;
  const pickCommune = weightedPicker(Array.from(ownShareRatio, (x, c) => (Number.isFinite(x) ? x * population[c] : 0)), rand);
  return (): { store: number; commune: number } => {
    const c = pickCommune();
    let u = rand() * ownShareRatio[c];
    let s = 0;
    for (let j = 0; j < own.length; j++) {
      if (!own[j]) continue;
      s = j;
      u -= prob[j * C + c];
      if (u <= 0) break;
    }
    return { store: s, commune: c };
  };
}
