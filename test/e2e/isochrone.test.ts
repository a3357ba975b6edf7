import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, openBrowserSession, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

const SAINT_GERMAIN_CENTRE: [number, number] = [2.0934, 48.8985]; // château de Saint-Germain-en-Laye

(browserSkipReason ? describe.skip : describe)(`isochrone tool in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-iso-'));

  beforeAll(async () => {
    // A real road graph (Saint-Germain-en-Laye, OSM drive network) so bands and counts are real drive times.
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { sourceDate: '2021', attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)' });
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws bands from a map click and lists communes, population, customers and hospital sites inside', async () => {
    const { page, errors } = session;
    await page.goto(session.server.url);
    const panel = page.locator('[data-testid=isochrone-panel]');
    await panel.getByRole('button', { name: 'Isochrones' }).and(page.locator(':not([disabled])')).waitFor({ timeout: 60_000 });
    await session.waitForMapIdle();
    await session.jumpTo(SAINT_GERMAIN_CENTRE, 12.3);
    await session.waitForMapIdle();
    await panel.getByLabel('Seuils en minutes').fill('3, 6, 10');
    await panel.getByRole('button', { name: 'Isochrones' }).click();
    await session.clickMap(SAINT_GERMAIN_CENTRE);
    const result = panel.locator('[data-testid=isochrone-result]');
    await result.waitFor({ timeout: 30_000 });
    // [communes, population, customers, sites] per band, from the cells (French digit grouping removed)
    const rows = await result.locator('table.bands').first().locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => Number((td.textContent ?? '').replace(/[\s\u202f\u00a0]/g, '')))));
    expect(rows, JSON.stringify(rows)).toHaveLength(3);
    const [r3, r6, r10] = rows;
    expect(r10[0]).toBeGreaterThanOrEqual(1); // commune points (points on surface) may lie in the forest, minutes away
    for (let k = 0; k < 4; k++) {
      expect(r6[k]).toBeGreaterThanOrEqual(r3[k]);
      expect(r10[k]).toBeGreaterThanOrEqual(r6[k]);
    }
    expect(r10[2]).toBeGreaterThan(0); // synthetic demo accounts in the Yvelines
    expect(r10[3]).toBeGreaterThan(0); // CHI Poissy–Saint-Germain, clinics
    expect(await result.innerText()).toMatch(/clients synthétiques/i);
    await result.locator('[data-testid=isochrone-sites] summary').click();
    expect(await result.locator('[data-testid=isochrone-sites] li').count()).toBe(r10[3]);
    expect(await result.locator('[data-testid=isochrone-sites]').innerText()).toMatch(/POISSY ST GERMAIN/);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'isochrone-bands.png') });
    expect(errors).toEqual([]);
  });

  it('starts from the open commune sheet', async () => {
    const { page, errors } = session;
    const panel = page.locator('[data-testid=isochrone-panel]');
    await panel.getByRole('button', { name: /Cliquez sur la carte/ }).click(); // tool off: the click opens a commune
    await page.fill('input[type=search]', '78551');
    await page.waitForSelector('.search-results li');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=commune-sheet] h2', { hasText: 'Saint-Germain-en-Laye' }).waitFor({ timeout: 30_000 });
    await panel.getByRole('button', { name: 'Depuis Saint-Germain-en-Laye' }).click();
    await panel.locator('[data-testid=isochrone-result]', { hasText: 'Depuis Saint-Germain-en-Laye' }).waitFor();
    expect(await panel.locator('[data-testid=isochrone-result] details').first().innerText()).toMatch(/Communes \(\d+\)/);
    expect(errors).toEqual([]);
  });
});
