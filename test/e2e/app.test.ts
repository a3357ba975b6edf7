import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ROOT } from '../helpers/template.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

const artifacts = join(ROOT, 'test/e2e/artifacts');

(browserSkipReason ? describe.skip : describe)(`map workspace in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, { timeout: 300_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-app-'));
  /** The drive-time tool's "Depuis …" buttons: the origin it offers follows the place picked last. */
  const isochroneOrigins = () => page.locator('[data-testid=isochrone-panel] button', { hasText: /^Depuis / }).allInnerTexts();

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // a small real road graph, so the isochrone tool is on and offers its origins
    server = await startTestServer({ MAILLAGE_ROAD_GRAPH: writeFixtureGraph(dir, 'saint-germain-en-laye') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(120_000); // software WebGL on shared cores: loads and renders can be slow
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the map of France with coloured communes and a legend', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=legend] li');
    // Wait until MapLibre has rendered commune features from our tiles.
    await page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: { queryRenderedFeatures(o: unknown): unknown[]; loaded(): boolean } }).__maillageMap;
      return !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['communes-fill'] }).length > 1000;
    }, undefined, { timeout: 60_000 });
    const legendRows = await page.locator('[data-testid=legend] li').count();
    expect(legendRows).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: join(artifacts, 'france.png') });
    expect(errors).toEqual([]);
  });

  it('searches a commune by INSEE code, flies to it and opens its sheet', async () => {
    await page.fill('input[type=search]', '48095');
    await page.waitForSelector('.search-results li');
    expect(await page.locator('.search-results li').first().innerText()).toContain('Mende');
    await page.keyboard.press('Enter');
    const sheet = page.locator('[data-testid=commune-sheet]');
    await sheet.waitFor();
    expect(await sheet.locator('h2').innerText()).toBe('Mende');
    expect(await sheet.innerText()).toContain('Lozère (48)');
  });

  it('opens the sheet of the commune clicked on the map', async () => {
    // Click the middle of the map once the fly-to has settled: that is Mende, the commune we flew to.
    await page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: { isMoving(): boolean; getZoom(): number } }).__maillageMap;
      return !!map && !map.isMoving() && map.getZoom() > 9;
    });
    await page.locator('[data-testid=commune-sheet] button[aria-label="Fermer la fiche"]').click();
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.38, box.y + box.height * 0.5);
    const sheet = page.locator('[data-testid=commune-sheet]');
    await sheet.waitFor();
    const text = await sheet.innerText();
    expect(text).toMatch(/Code INSEE\s+48\d{3}/);
    expect(text).toMatch(/Population\s+\d[\d\s  ]*\n/);
    expect(text).toMatch(/Densité \(hab\.\/km²\)\s+\d/);
    await page.screenshot({ path: join(artifacts, 'commune-sheet.png') });
  });

  it('searches a département by name; picking it closes the stale commune sheet and its isochrone origin, and names it in the URL', async () => {
    const clicked = await page.locator('[data-testid=commune-sheet] h2').innerText();
    await page.locator('[data-testid=isochrone-panel] button', { hasText: `Depuis ${clicked}` }).waitFor({ timeout: 60_000 });
    await page.fill('input[type=search]', 'Lozère');
    const first = page.locator('.search-results li').first();
    await first.filter({ hasText: 'Département' }).waitFor();
    expect(await first.innerText()).toMatch(/Lozère\s+Département · 48/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=commune-sheet]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => location.hash)).toBe('#departement=48');
    expect(await isochroneOrigins()).toEqual([]);
    const res = await page.evaluate(async () => (await fetch('/api/communes/ZZZ')).json());
    expect(res.error.code).toBe('INVALID_COMMUNE_CODE');
    expect(errors).toEqual([]);
  });

  it('picking a new commune replaces the sheet, the URL and the isochrone origin', async () => {
    await page.fill('input[type=search]', 'Rennes');
    await page.locator('.search-results li', { hasText: 'Ille-et-Vilaine' }).first().click();
    await page.locator('[data-testid=commune-sheet] h2', { hasText: 'Rennes' }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#commune=35238');
    await page.locator('[data-testid=isochrone-panel] button', { hasText: 'Depuis Rennes' }).waitFor();
    expect(await isochroneOrigins()).toEqual(['Depuis Rennes']);
  });

  it('says "Aucun résultat" when the search finds nothing', async () => {
    await page.fill('input[type=search]', 'zzqxw introuvable');
    const empty = page.getByTestId('search-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toMatch(/Aucun résultat pour « zzqxw introuvable »/);
    expect(await page.locator('.search-results li').count()).toBe(0);
  });

  it('finds a hospital site by its FINESS name: its sheet replaces the commune sheet and becomes the isochrone origin', async () => {
    await page.fill('input[type=search]', 'hosp intercommunal poissy saint germain');
    const site = page.locator('.search-results li', { hasText: 'Établissement de santé' }).filter({ hasText: 'SITE ST GERMAIN' });
    await site.waitFor();
    await site.click();
    await page.getByTestId('health-actor-sheet').waitFor();
    await page.locator('[data-testid=commune-sheet]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => location.hash)).not.toMatch(/commune=/);
    await page.locator('[data-testid=isochrone-panel] button', { hasText: 'Depuis CTRE HOSP INTERCOMMUNAL POISSY ST GERMAIN SITE ST GERMAIN' }).waitFor();
    expect(await isochroneOrigins()).toHaveLength(1);
  });

  it('finds a customer account of a shown layer by name and opens its card where it stands', async () => {
    await page.fill('input[type=search]', 'Compte synthétique 19999');
    const account = page.locator('.search-results li', { hasText: 'Compte · Démo CRM' }).first();
    await account.waitFor();
    expect(await account.innerText()).toContain('Compte synthétique 19999 (pharmacie)');
    await account.click();
    await page.getByTestId('health-actor-sheet').waitFor({ state: 'detached' }); // the previous place's sheet closes
    await page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: { isMoving(): boolean; getCenter(): { lng: number; lat: number }; getZoom(): number } }).__maillageMap;
      if (!map || map.isMoving()) return false;
      const c = map.getCenter();
      return Math.abs(c.lng - 7.12045) < 0.05 && Math.abs(c.lat - 43.54517) < 0.05 && map.getZoom() > 11;
    }, undefined, { timeout: 60_000 });
    const card = page.getByTestId('account-card');
    await card.waitFor();
    expect(await card.innerText()).toContain('19999');
  });

  it('shows an API refusal as one French toast, never raw text', async () => {
    await page.evaluate(() => (location.hash = 'commune=99999'));
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    const text = await toast.innerText();
    expect(text).toMatch(/99999/);
    expect(text).not.toMatch(/Invalid|expected|Request failed|No commune|undefined/);
    await toast.getByRole('button', { name: 'Fermer' }).click();
    await toast.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('flies to an overseas département with the territory picker', async () => {
    await page.getByRole('button', { name: 'La Réunion' }).click();
    await page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: { isMoving(): boolean; loaded(): boolean; getCenter(): { lng: number; lat: number }; queryRenderedFeatures(o: unknown): { properties: { code: string } }[] } }).__maillageMap;
      if (!map || map.isMoving() || !map.loaded()) return false;
      const c = map.getCenter();
      const codes = map.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => f.properties.code);
      return Math.abs(c.lng - 55.5) < 0.3 && Math.abs(c.lat + 21.1) < 0.3 && codes.some((code) => code.startsWith('974'));
    }, undefined, { timeout: 30_000 });
  });

  it('opens the commune that replaced an old merged code given in a #commune= link', async () => {
    // 74011 (Annecy-le-Vieux) merged into Annecy (74010) in 2017: the API answers 301, the sheet says so.
    await page.goto('about:blank'); // a fresh load: the link is read at start, not as a hash change
    await page.goto(`${server.url}/#commune=74011`);
    const sheet = page.locator('[data-testid=commune-sheet]');
    await sheet.locator('h2', { hasText: 'Annecy' }).waitFor();
    expect(await sheet.locator('.notice').first().innerText()).toMatch(/74011 n'existe plus.*Annecy \(74010\)/s);
    expect(await page.evaluate(() => location.hash)).toBe('#commune=74010');
    expect(errors).toEqual([]);
  });
});
