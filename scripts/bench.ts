/**
 * `npm run bench <name> [-- args]` runs scripts/bench-<name>.ts (e.g. `npm run bench foundation`).
 * Benchmarks print figures and ratios against a baseline measured in the same run; they never assert.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir).filter((f) => /^bench-.*\.ts$/.test(f)).map((f) => f.slice(6, -3));
if (!name || !existsSync(`${dir}bench-${name}.ts`)) {
  console.error(`usage: npm run bench <name>; available: ${available.join(', ')}`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(`./bench-${name}.ts`);
