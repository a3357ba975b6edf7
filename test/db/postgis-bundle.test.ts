import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { filterTar, keepInSlimBundle, slimPostgis, slimPostgisBundle } from '../../api/src/db/postgis-bundle.js';

// The real bundle shipped by @electric-sql/pglite-postgis.
const packageBundle = join(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis'), '..', 'postgis.tar.gz');
const cache = mkdtempSync(join(tmpdir(), 'maillage-postgis-bundle-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('slim PostGIS bundle for PGlite', () => {
  it('keeps postgis-3.so, PROJ data and the postgis extension scripts; drops raster and topology', () => {
    const path = slimPostgisBundle(packageBundle, cache);
    expect(path).not.toBeNull();
    const { kept } = filterTar(gunzipSync(readFileSync(path!)), () => true);
    expect(kept).toContain('lib/postgresql/postgis-3.so');
    expect(kept).toContain('share/postgresql/extension/postgis.control');
    expect(kept).toContain('share/proj/proj.db');
    expect(kept.some((p) => /^share\/postgresql\/extension\/postgis--\d[\d.]*\.sql$/.test(p))).toBe(true);
    expect(kept.filter((p) => /raster|topology/.test(p))).toEqual([]);
    // a second call reuses the cached file
    expect(slimPostgisBundle(packageBundle, cache)).toBe(path);
  });

  it('answers null (the caller keeps the package bundle) for a file that is not a gzipped tar', () => {
    const bad = join(cache, 'bad.tar.gz');
    writeFileSync(bad, 'not a tarball');
    expect(slimPostgisBundle(bad, join(cache, 'sub'))).toBeNull();
  });

  it('selects by path only', () => {
    expect(keepInSlimBundle('lib/postgresql/postgis_raster-3.so')).toBe(false);
    expect(keepInSlimBundle('share/postgresql/extension/postgis--unpackaged--3.6.2.sql')).toBe(false);
    expect(keepInSlimBundle('share/postgresql/extension/postgis--ANY--3.6.2.sql')).toBe(false);
    expect(keepInSlimBundle('share/postgresql/extension/postgis--3.6.2.sql')).toBe(true);
  });

  it('creates the extension in a new embedded database and transforms to Lambert-93 with it', async () => {
    const lite = await PGlite.create({ extensions: { postgis: slimPostgis(postgis) } });
    try {
      await lite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
      const { rows } = await lite.query<{ x: number; y: number }>(
        'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326), 2154) AS p',
      );
      expect(rows[0].x).toBeCloseTo(652301.56, 1);
      expect(rows[0].y).toBeCloseTo(6861302.73, 1);
    } finally {
      await lite.close();
    }
  });
});
