import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeGraphFile } from '../../api/src/domain/routing/index.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ROOT } from '../helpers/template.js';

const artifacts = join(ROOT, 'test/e2e/artifacts');
type MapHandle = { isMoving(): boolean; loaded(): boolean; project(p: [number, number]): { x: number; y: number }; jumpTo(o: unknown): void };

const SAINT_GERMAIN_CENTRE: [number, number] = [2.0934, 48.8985]; // château de Saint-Germain-en-Laye

(browserSkipReason ? describe.skip : describe)(`isochrone tool in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-iso-'));

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // A real road graph (Saint-Germain-en-Laye, OSM drive network) so bands, counts and the matrix are real drive times.
    const graphFile = join(dir, 'saint-germain-en-laye.graph');
    const { graph, ch } = fixtureNetwork('saint-germain-en-laye');
    writeGraphFile(graphFile, graph, ch, {
      source: 'OpenStreetMap Saint-Germain-en-Laye (test fixture)', sourceDate: '2021', licence: 'ODbL',
      attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)', profile: 'car',
    });
    server = await startTestServer({ MAILLAGE_ROAD_GRAPH: graphFile });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const waitForMapIdle = () =>
    page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
      return !!map && map.loaded() && !map.isMoving();
    }, undefined, { timeout: 30_000 });

  it('draws bands from a map click and lists communes, population, customers and hospital sites inside', async () => {
    await page.goto(server.url);
    const panel = page.locator('[data-testid=isochrone-panel]');
    await panel.getByRole('button', { name: 'Isochrones' }).and(page.locator(':not([disabled])')).waitFor({ timeout: 60_000 });
    await waitForMapIdle();
    await page.evaluate((center) => (window as unknown as { __maillageMap: MapHandle }).__maillageMap.jumpTo({ center, zoom: 12.3 }), SAINT_GERMAIN_CENTRE);
    await waitForMapIdle();
    await panel.getByLabel('Seuils en minutes').fill('3, 6, 10');
    await panel.getByRole('button', { name: 'Isochrones' }).click();
    const box = (await page.locator('.map canvas').first().boundingBox())!;
    const p = await page.evaluate((ll) => (window as unknown as { __maillageMap: MapHandle }).__maillageMap.project(ll), SAINT_GERMAIN_CENTRE);
    await page.mouse.click(box.x + p.x, box.y + p.y);
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
    await page.screenshot({ path: join(artifacts, 'isochrone-bands.png') });
    expect(errors).toEqual([]);
  });

  it('starts from the open commune sheet', async () => {
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
