import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, SCREENSHOTS, frenchNumber, openBrowserSession, shootBothSizes, shootOnce, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

// The Saint-Germain-en-Laye road fixture (real OSM drive network), as the trade-areas journey: drive times exist
// for the communes of its extract only, every other commune is « hors réseau » (null, never 0).
const MAP_VIEW: [number, number] = [2.1, 48.925];
const MAX_SNAP_M = 3000;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const shoot = (page: Page, name: string, target: string) => shootBothSizes(page, 'basins', name, target, { reopenLegend: true });

(browserSkipReason ? describe.skip : describe)(`healthcare basins in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-basins-'));

  beforeAll(async () => {
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { sourceDate: '2021', attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)' });
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile, MAILLAGE_MAX_SNAP_M: String(MAX_SNAP_M) });
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') console.log(session?.server.output().slice(-3000));
    if (ctx.task.result?.state === 'fail') await session?.page.screenshot({ path: join(ARTIFACTS_DIR, `basins-failure-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => session.page.locator('[data-testid=basins-panel]');
  const state = () => session.state('values', 'indicators') as Promise<Json>;

  it('computes GP accessibility (E2SFCA steps, 30 min): the communes coloured with a « calculé » legend, the summary and the sensitivity table', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(session.server.url);
    await page.locator('[data-testid=map] canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !!(window as unknown as { __maillageMap?: unknown }).__maillageMap, undefined, { timeout: 30_000 });
    await session.jumpTo(MAP_VIEW, 10.5);
    const p = panel();
    await p.locator('[data-testid=basins-tab-access]').waitFor({ timeout: 30_000 }); // the sources are read
    await p.scrollIntoViewIfNeeded();
    expect(await p.locator('[data-testid=basins-supply]').inputValue()).toBe('gp');
    expect(await p.locator('[data-testid=basins-catchment]').inputValue()).toBe('30');
    await p.locator('[data-testid=basins-threshold]').fill('60');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/basins/accessibility'));
    await p.locator('[data-testid=basins-compute-access]').click();
    const res = await response;
    const sent = res.request().postDataJSON() as Json;
    expect(sent).toMatchObject({ supply: { source: 'gp' }, catchmentMin: 30, decay: { kind: 'steps', upperMin: [10, 15, 20] }, underServedThreshold: 60, sensitivity: true });
    const body = (await res.json()) as Json;
    expect(res.status(), JSON.stringify(body).slice(0, 400)).toBe(200);
    const result = p.locator('[data-testid=basins-access-result]');
    await result.waitFor({ timeout: 20_000 });
    // the map: one value per commune, null off network (the fixture covers a corner of Yvelines), a « calculé » legend
    const s = await state();
    expect(s.values.indicatorId).toBe('basins:access');
    const reached = s.values.values.filter((v: number | null) => v !== null);
    expect(reached.length).toBeGreaterThanOrEqual(5);
    expect(reached.length).toBe(body.values.value.filter((v: number | null) => v !== null).length);
    expect(reached.some((v: number) => v > 0)).toBe(true);
    const legend = page.locator('[data-testid=legend-dock]');
    await expect.poll(() => legend.locator('[data-testid=legend-quality]').allInnerTexts()).toContain('calculé');
    expect(await legend.locator('[data-testid=legend-no-data]').innerText()).toMatch(/hors réseau/);
    expect(await result.locator('[data-testid=basins-label-computed]').innerText()).toBe('calculé');
    // the summary in French figures: the population-weighted mean the API computed
    const summary = await result.locator('[data-testid=basins-access-summary] dd').first().innerText();
    expect(frenchNumber(summary)).toBeCloseTo(body.summary.meanPopulationWeighted, 0);
    // sensitivity: catchment 10 / 15 / 20 / 30 min × 3 decays, the current parameters marked
    const sensitivity = result.locator('[data-testid=basins-sensitivity]');
    expect(await sensitivity.locator('tbody tr').count()).toBe(body.sensitivity.length);
    expect(body.sensitivity.length).toBeGreaterThanOrEqual(12);
    expect(await sensitivity.locator('tbody tr.current').count()).toBe(1);
    expect(await sensitivity.locator('tbody tr.current').getAttribute('data-catchment')).toBe('30');
    expect(await sensitivity.locator('tbody tr.current td').first().innerText()).toMatch(/paliers/);
    expect(await sensitivity.locator('tbody th.group').allInnerTexts()).toEqual(['10 min', '15 min', '20 min', '30 min']);
    if (body.demand.note) expect(await result.locator('[data-testid=basins-demand-note]').innerText()).toBe(body.demand.note);
    await shoot(page, '1-access', '[data-testid=basins-sensitivity]');
  }, 120_000);

  it('saves the accessibility as an indicator: it appears in the map’s indicator chooser', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=basins-save-access]').click();
    await p.locator('[data-testid=basins-save-name-access]').fill('APL généralistes e2e');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/basins/accessibility') && r.request().method() === 'POST');
    await p.locator('[data-testid=basins-save-name-access]').press('Enter');
    const body = (await (await saved).json()) as Json;
    expect(body.saved?.indicatorId, JSON.stringify(body.saved)).toBeTruthy();
    await p.locator('[data-testid=basins-saved-access]').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await state()).indicators.some((i: Json) => i.id === body.saved.indicatorId)).toBe(true);
    const options = await page.locator('[data-testid=indicator-picker] option').allInnerTexts();
    expect(options.some((o) => o.includes(body.saved.label))).toBe(true);
  }, 120_000);

  it('time to the nearest maternity ward: minutes per commune, population beyond 30 / 45 min', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=basins-tab-button-nearest]').click();
    expect(await p.locator('[data-testid=basins-actors]').inputValue()).toBe('maternity');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/basins/nearest'), { timeout: 60_000 });
    await p.locator('[data-testid=basins-compute-nearest]').click();
    const res = await response;
    const body = (await res.json()) as Json;
    expect(res.status(), JSON.stringify(body).slice(0, 400)).toBe(200);
    const result = p.locator('[data-testid=basins-nearest-result]');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.locator('[data-testid=basins-beyond] dt').allInnerTexts()).toEqual(['Au-delà de 30 min', 'Au-delà de 45 min']);
    // the maternity wards on the network, each with its communes (Poissy and Saint-Germain-en-Laye on this extract)
    const actors = await result.locator('[data-testid=basins-actors-table] tbody th').allInnerTexts();
    expect(actors.length).toBe(body.actors.filter((a: Json) => !a.offNetworkReason).length);
    expect(actors).toContain('Saint-Germain-en-Laye');
    const s = await state();
    expect(s.values.indicatorId).toBe('basins:nearest');
    const minutes = s.values.values.filter((v: number | null) => v !== null);
    expect(minutes.length).toBeGreaterThanOrEqual(5);
    for (const m of minutes) expect(m).toBeLessThanOrEqual(90);
    await shoot(page, '2-nearest', '[data-testid=basins-nearest-result]');
  }, 120_000);

  it('flow basins from the modelled flows: communes coloured by basin, a sortable table, the merge log', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=basins-tab-button-flows]').click();
    expect(await p.locator('[data-testid=basins-label-modelled]').first().innerText()).toBe('modélisé');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/basins/flows'), { timeout: 60_000 });
    await p.locator('[data-testid=basins-compute-flows]').click();
    const res = await response;
    expect(res.request().postDataJSON()).toMatchObject({ unit: 'establishment', minLocalizationRatio: 0.5, minStays: 1000, contiguity: true });
    const body = (await res.json()) as Json;
    expect(res.status(), JSON.stringify(body).slice(0, 400)).toBe(200);
    const table = p.locator('[data-testid=basins-flows-table]');
    await table.waitFor({ timeout: 20_000 });
    expect(body.basins.length).toBeGreaterThan(1);
    // largest population first; a click on « Population » turns the order
    const pops = (await table.locator('tbody tr td:nth-of-type(2)').allInnerTexts()).map(frenchNumber);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    await table.locator('[data-testid=basins-sort-populationCount]').click();
    const asc = (await table.locator('tbody tr td:nth-of-type(2)').allInnerTexts()).map(frenchNumber);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await table.locator('[data-testid=basins-sort-populationCount]').click();
    // the map: categorical, one colour per basin, its legend names the largest basins
    const s = await state();
    expect(s.values.indicatorId).toBe('basins:flows');
    expect(s.values.palette.length).toBeGreaterThanOrEqual(8);
    const coloured = s.values.values.filter((v: number | null) => v !== null).length;
    expect(coloured).toBe(body.communes.basin.filter((b: number) => b >= 0).length);
    const legend = page.locator('[data-testid=legend-dock]');
    await expect.poll(() => legend.locator('[data-testid=legend-category]').count()).toBeGreaterThanOrEqual(2);
    expect(await legend.locator('[data-testid=legend-quality]').allInnerTexts()).toContain('modélisé');
    // the merge / contiguity log, collapsed
    const log = p.locator('[data-testid=basins-log]');
    expect(await log.locator('summary').innerText()).toMatch(/déplacement.*fusion/);
    if (SCREENSHOTS) await session.jumpTo([1.2, 49.2], 8.5); // Rouen, Évreux, Beauvais: several basins side by side
    await shoot(page, '3-flows', '[data-testid=basins-flows-table]');
  }, 180_000);

  it('saves the flow basins as zones: the Zones list reloads, a basin row opens its zone profile', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=basins-save-flows]').click();
    await p.locator('[data-testid=basins-save-name-flows]').fill('Bassins e2e');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/basins/flows') && r.request().method() === 'POST', { timeout: 90_000 });
    await p.locator('[data-testid=basins-save-name-flows]').press('Enter');
    const body = (await (await saved).json()) as Json;
    expect(body.saved?.zones?.length, JSON.stringify(body.saved ?? body).slice(0, 300)).toBeGreaterThanOrEqual(1);
    await p.locator('[data-testid=basins-saved-flows]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=zone-list]').innerText(), { timeout: 15_000 }).toMatch(/Bassins e2e/);
    // each basin row has its zone's profile; the smallest basin (population ascending) is the quickest to draw
    const rows = p.locator('[data-testid=basins-flows-table] tbody tr');
    expect(await rows.locator('[data-testid=basins-row-profile]').count()).toBe(await rows.count());
    await p.locator('[data-testid=basins-sort-populationCount]').click();
    const last = rows.first();
    const label = await last.locator('th').innerText();
    await last.locator('[data-testid=basins-row-profile]').dispatchEvent('click');
    const profile = page.locator('[data-testid=zone-profile]');
    await profile.locator('[data-testid=zone-figures]').waitFor({ timeout: 60_000 });
    expect(await profile.innerText({ timeout: 90_000 })).toContain(`Bassins e2e — ${label.trim()}`);
    await shootOnce(page, 'basins-4-profile-1440x900');
    expect(session.errors).toEqual([]);
  }, 240_000);
});
