// The API as `npm start` runs it: one esbuild bundle, api/dist/main.mjs, rebuilt when a file under api/src is
// newer (≈ 0.3 s). Loading ~100 TypeScript modules through tsx's loader took ≈ 1 s of every start. Packages
// stay in node_modules. Used by scripts/start.mjs, the e2e server helper and the foundation benchmark, so the
// tests and the figures run what users run. Falls back to tsx on the sources if esbuild fails.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Node arguments that start the API server from the repository at `root`. */
export async function apiEntryArgs(root, log = (m) => console.log(`[maillage] ${m}`)) {
  const source = join(root, 'api', 'src', 'main.ts');
  const bundle = join(root, 'api', 'dist', 'main.mjs');
  try {
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestMtime(join(root, 'api', 'src'))) {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [source], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20',
        packages: 'external', sourcemap: 'linked', logLevel: 'warning', write: false,
      });
      mkdirSync(dirname(bundle), { recursive: true });
      // written beside and renamed: several test workers may bundle at once
      for (const file of [...result.outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle))) {
        const partial = `${file.path}.${process.pid}.partial`;
        writeFileSync(partial, file.contents);
        renameSync(partial, file.path);
      }
    }
    return ['--enable-source-maps', bundle];
  } catch (e) {
    log(`API bundle not built (${e.message}); running the TypeScript sources through tsx`);
    return ['--import', 'tsx', source];
  }
}
