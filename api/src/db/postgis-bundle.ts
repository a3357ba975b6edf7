/**
 * A slimmer PostGIS bundle for PGlite. `@electric-sql/pglite-postgis` ships one tar.gz holding PostGIS, PostGIS
 * Raster and PostGIS Topology (three 16 MB WebAssembly side modules) plus their upgrade scripts; PGlite unpacks
 * and links every side module of a bundle when it opens, whether or not the extension is used. Maillage uses
 * PostGIS only, so we derive, once per installed package version, a bundle with just `postgis-3.so`, PROJ's data
 * and the `postgis` extension's control file and install script (no upgrade scripts: we never ALTER EXTENSION): opening the database goes from ≈ 2.5–3.4 s
 * to ≈ 1.5 s (warm start, docs/benchmarks.md). The derived file lives in `node_modules/.cache/maillage/`.
 * Anything unexpected (a new layout, an unwritable cache) falls back to the package's own bundle.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const BLOCK = 512;

/** Paths kept from the package's bundle (directories are always kept). */
export function keepInSlimBundle(path: string): boolean {
  return (
    path === 'lib/postgresql/postgis-3.so' ||
    path.startsWith('share/proj/') ||
    path === 'share/postgresql/extension/postgis.control' ||
    /^share\/postgresql\/extension\/postgis--\d[\d.]*\.sql$/.test(path)
  );
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return Buffer.from(end === -1 ? slice : slice.subarray(0, end)).toString('utf8');
}

/**
 * Filters a POSIX/ustar tar archive, keeping whole entries (header and data blocks) whose path passes `keep`,
 * every directory, and the GNU long-name / pax headers of the entries kept. Returns the kept paths too.
 */
export function filterTar(tar: Uint8Array, keep: (path: string) => boolean): { tar: Uint8Array; kept: string[] } {
  const out: Uint8Array[] = [];
  const kept: string[] = [];
  let pending: Uint8Array[] = []; // long-name ('L') or pax ('x') entries that describe the next entry
  let longName: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(readString(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const entryLength = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const entry = tar.subarray(offset, offset + entryLength);
    if (entry.length < entryLength) throw new Error('truncated tar archive');
    offset += entryLength;
    if (type === 'L' || type === 'x') {
      if (type === 'L') longName = readString(tar, offset - entryLength + BLOCK, size);
      pending.push(entry);
      continue;
    }
    const prefix = readString(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100));
    const path = name.replace(/^\.\//, '');
    if (type === '5' || keep(path)) {
      out.push(...pending, entry);
      if (type !== '5') kept.push(path);
    }
    pending = [];
    longName = undefined;
  }
  out.push(new Uint8Array(BLOCK * 2));
  return { tar: Buffer.concat(out), kept };
}

/** Builds (or reuses) the slim bundle for the package bundle at `sourcePath`; returns its path, or null. */
export function slimPostgisBundle(sourcePath: string, cacheDir: string): string | null {
  try {
    const { size, mtimeMs } = statSync(sourcePath);
    const target = join(cacheDir, `postgis-slim-v2-${size}-${Math.round(mtimeMs)}.tar.gz`);
    if (existsSync(target)) return target;
    const { tar, kept } = filterTar(gunzipSync(readFileSync(sourcePath)), keepInSlimBundle);
    const required = ['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control'];
    if (!required.every((p) => kept.includes(p)) || !kept.some((p) => /postgis--\d/.test(p))) return null;
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, gzipSync(tar, { level: 1 }));
    renameSync(partial, target); // atomic: parallel test workers may build it at the same time
    return target;
  } catch {
    return null;
  }
}

/** Default cache directory: node_modules/.cache/maillage next to the installed package. */
export function defaultBundleCacheDir(packageBundle: string): string {
  const nodeModules = packageBundle.slice(0, packageBundle.lastIndexOf('/node_modules/') + '/node_modules'.length);
  return nodeModules.endsWith('/node_modules') ? join(nodeModules, '.cache', 'maillage') : join(dirname(packageBundle), '.cache');
}

type PostgisExtension = typeof import('@electric-sql/pglite-postgis').postgis;

/** The `postgis` PGlite extension, loading the slim bundle when it can be built. */
export function slimPostgis(postgis: PostgisExtension): PostgisExtension {
  return {
    ...postgis,
    async setup(pg, emscriptenOpts) {
      const result = await postgis.setup(pg, emscriptenOpts);
      if (!result.bundlePath) return result;
      const source = fileURLToPath(result.bundlePath);
      const slim = slimPostgisBundle(source, defaultBundleCacheDir(source));
      return slim ? { ...result, bundlePath: pathToFileURL(slim) } : result;
    },
  };
}
