/**
 * What the trade-area scripts (gen-demo-stores, bench-areas) share: the national graph file and a working copy
 * of a seeded PGlite database (`--data-dir`, else the newest test template, else a fresh one seeded here).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workingDatabase as sharedWorkingDatabase } from './seeded-database.js';
import { weightedPicker } from '../api/src/domain/common/random.js';

export { weightedPicker };

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

/** A private copy of a seeded database (seeding what is missing); `dispose` closes and removes it. */
export const workingDatabase = (only?: string[]) => sharedWorkingDatabase('maillage-areas-script', only);


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
