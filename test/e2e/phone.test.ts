import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { ARTIFACTS_DIR } from '../helpers/e2e.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Box = { x: number; y: number; width: number; height: number };
type MapHandle = { loaded(): boolean; isMoving(): boolean; getZoom(): number };

/** Two boxes share some area (touching edges do not count). */
const intersects = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Boxes of the visible elements of a locator (none when absent or hidden). */
async function boxes(locator: Locator): Promise<Box[]> {
  const out: Box[] = [];
  for (const el of await locator.all()) {
    const b = (await el.isVisible()) ? await el.boundingBox() : null;
    if (b && b.width > 0 && b.height > 0) out.push(b);
  }
  return out;
}

/** The map controls that must stay usable (zoom buttons, attribution) against what the app draws over the map. */
async function overlaps(page: Page): Promise<string[]> {
  const controls = { 'zoom in': page.locator('.maplibregl-ctrl-zoom-in'), 'zoom out': page.locator('.maplibregl-ctrl-zoom-out'), attribution: page.locator('.maplibregl-ctrl-attrib') };
  const covers = { 'panel column': page.locator('[data-testid=panel-sheet]'), legend: page.locator('[data-testid=legend-dock]'), 'top bar': page.locator('[data-testid=topbar]') };
  const found: string[] = [];
  for (const [cName, c] of Object.entries(controls)) {
    const cBoxes = await boxes(c);
    expect(cBoxes.length, `${cName} is on the page`).toBeGreaterThan(0);
    for (const [oName, o] of Object.entries(covers)) {
      for (const ob of await boxes(o)) if (cBoxes.some((cb) => intersects(cb, ob))) found.push(`${oName} covers ${cName}`);
    }
  }
  return found;
}

async function waitForMap(page: Page) {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
    return !!m && m.loaded() && !m.isMoving();
  }, undefined, { timeout: 120_000 });
  await page.locator('.maplibregl-ctrl-attrib').first().waitFor({ state: 'attached' });
}

(browserSkipReason ? describe.skip : describe)(`phone layout, desktop controls and first-visit help in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, { timeout: 300_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.setDefaultTimeout(120_000); // software WebGL on a shared CI core: renders and screenshots are slow
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    return page;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('desktop (1440 × 900): the panel column and the legend leave the zoom buttons and the attribution free', async () => {
    const page = watch(await browser.newPage({ viewport: { width: 1440, height: 900 } }));
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=legend] li');
    await waitForMap(page);
    await page.locator('[data-testid=help]').waitFor(); // first visit: the help makes the column at its tallest
    expect(await overlaps(page)).toEqual([]);
    // the top bar keeps the indicator and territories inline (no menu button on a desktop)
    expect(await page.getByRole('combobox', { name: 'Indicateur' }).isVisible()).toBe(true);
    expect(await page.locator('.menu-toggle').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'landing-1440.png') });
    await page.close();
  });

  let page: Page;
  const sheet = () => page.locator('[data-testid=commune-sheet]');

  it('phone (390 × 844): first visit shows the help, closed once it stays closed, "?" reopens it', async () => {
    page = watch(await browser.newPage({ viewport: { width: 390, height: 844 } }));
    await page.goto(server.url);
    const help = page.locator('[data-testid=help]');
    await help.waitFor();
    const text = await help.innerText();
    expect(text).toMatch(/Bienvenue dans Maillage/);
    for (const step of ['Chercher une commune', 'Importer un fichier', 'Calculer une zone en temps de trajet']) expect(text).toContain(step);
    await waitForMap(page);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'phone-help.png') });

    await help.getByRole('button', { name: 'C’est parti' }).click();
    await help.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => localStorage.getItem('maillage.help.seen'))).toBe('1');
    await page.reload();
    await page.waitForSelector('[data-testid=legend-toggle]');
    await waitForMap(page);
    expect(await help.count()).toBe(0); // not shown again on the next visit
    await page.getByTestId('help-button').click();
    await help.waitFor();
    await help.getByRole('button', { name: 'Fermer l’aide' }).click();
    await help.waitFor({ state: 'detached' });
  });

  it('phone: the top bar is one row (indicator and territories in a menu), the legend folds', async () => {
    const bar = (await page.getByTestId('topbar').boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(52);
    const indicator = page.getByRole('combobox', { name: 'Indicateur' });
    expect(await indicator.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu : indicateur et territoires' }).click();
    await indicator.waitFor();
    expect(await page.getByRole('button', { name: 'La Réunion' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Fermer le menu' }).click();
    await indicator.waitFor({ state: 'hidden' });

    // the legend starts folded and unfolds with its button
    expect(await page.locator('[data-testid=legend]').count()).toBe(0);
    await page.getByTestId('legend-toggle').click();
    await page.locator('[data-testid=legend] li').first().waitFor();
    expect(await overlaps(page)).toEqual([]);
    await page.getByTestId('legend-toggle').click();
    await page.locator('[data-testid=legend]').waitFor({ state: 'detached' });
  });

  it('phone: a commune sheet opens in the bottom sheet, clear of the zoom buttons and the attribution', async () => {
    await page.fill('input[type=search]', 'Mende');
    await page.locator('.search-results li', { hasText: 'Mende' }).first().click();
    await sheet().locator('h2', { hasText: 'Mende' }).waitFor();
    await waitForMap(page);
    expect(await overlaps(page)).toEqual([]);
    const panel = (await page.getByTestId('panel-sheet').boundingBox())!;
    expect(panel.y).toBeGreaterThan(844 / 3); // a bottom sheet, not a column over the map
    expect(panel.width).toBeGreaterThan(380);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'phone-sheet.png') });
  });

  it('phone: swiping the handle down folds the sheet to its handle, swiping up brings it back', async () => {
    const handle = page.getByTestId('sheet-handle');
    const swipe = async (dy: number) => {
      const h = (await handle.boundingBox())!;
      await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
      await page.mouse.down();
      await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 + dy / 2);
      await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 + dy);
      await page.mouse.up();
    };
    await swipe(160);
    await page.locator('[data-testid=panel-sheet].collapsed').waitFor();
    expect(await sheet().isVisible()).toBe(false);
    expect((await page.getByTestId('panel-sheet').boundingBox())!.height).toBeLessThan(60);
    expect(await overlaps(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'phone-sheet-folded.png') });
    await swipe(-160);
    await sheet().waitFor();
    expect(errors).toEqual([]);
  });
});
