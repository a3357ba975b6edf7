import { beforeAll, afterAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { DEMO_CRM_LAYER } from '../../api/src/db/seed/demo-crm.js';

const csv = gunzipSync(readFileSync(join(import.meta.dirname, '../../data/demo/crm-synthetique.csv.gz'))).toString().trim().split('\n').slice(1);
const intended = new Map(csv.map((line) => { const f = line.split(';'); return [f[0], f[4]]; }));

describeEachDatabase('synthetic demo CRM', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('is loaded as a layer clearly labelled synthetic, every account imported', async () => {
    const layer = await t.database.db.selectFrom('layers').selectAll().where('name', '=', DEMO_CRM_LAYER).executeTakeFirstOrThrow();
    expect(layer.synthetic).toBe(true);
    expect(layer.description).toMatch(/SYNTHÉTIQUES/);
    expect(layer.featureCount).toBe(20000);
    expect((layer.provenance as { fileName: string }).fileName).toBe('crm-synthetique.csv');
  });

  it('places each account inside the commune it was drawn in (spatial join agrees with the generator)', async () => {
    const rows = await t.database.db.selectFrom('layerFeatures as f').innerJoin('layers as l', 'l.id', 'f.layerId').select(['f.key', 'f.communeCode']).where('l.name', '=', DEMO_CRM_LAYER).execute();
    const agree = rows.filter((r) => intended.get(r.key) === r.communeCode).length;
    expect(rows.length).toBe(20000);
    expect(agree / rows.length).toBeGreaterThan(0.999); // 1e-5° rounding may move a point across a border
  });
});
