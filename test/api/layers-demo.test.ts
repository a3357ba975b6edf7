import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('seeded synthetic demo CRM layer', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database).app;
  });
  afterAll(async () => t?.close());

  it('is listed as synthetic with all 20,000 accounts located and none rejected', async () => {
    const { layers } = (await (await app.request('/api/layers')).json()) as Json;
    const demo = layers.find((l: Json) => l.synthetic);
    expect(demo).toMatchObject({ kind: 'internal', synthetic: true, featureCount: 20_000 });
    expect(demo.name).toMatch(/synthétiques/);
    const rejects = await app.request(`/api/layers/${demo.id}/rejects.csv`);
    expect((await rejects.text()).trim().split('\r\n')).toHaveLength(1); // header only
    const byDep = (await (await app.request(`/api/layers/${demo.id}/aggregate?by=departement&measure=ca_eur`)).json()) as Json;
    expect(byDep.groups.reduce((s: number, g: Json) => s + g.count, 0)).toBe(20_000);
    expect(byDep.withoutCommuneCount).toBe(0);
  });
});
