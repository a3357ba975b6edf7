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
    const num = (t: string | null) => Number((t ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));
    const rows = await result.locator('[data-testid=isochrone-bands] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const headings = await result.locator('[data-testid=isochrone-bands] thead th').allInnerTexts();
    expect(headings.map((h) => h.trim())).toEqual(['Bande', 'Communes', 'Population', 'Clients', 'Établ.']);
    expect(rows, JSON.stringify(rows)).toHaveLength(3);
    const [r3, r6, r10] = rows.map((r) => r.map(num));
    for (const r of rows) for (const cell of r) expect(cell, JSON.stringify(rows)).toMatch(/^\d{1,3}([\u202f\u00a0 ]\d{3})*$/);
    expect(r10[0]).toBeGreaterThanOrEqual(1); // commune points (points on surface) may lie in the forest, minutes away
    for (let k = 0; k < 4; k++) {
      expect(r6[k]).toBeGreaterThanOrEqual(r3[k]);
      expect(r10[k]).toBeGreaterThanOrEqual(r6[k]);
    }
    expect(r10[2]).toBeGreaterThan(0); // synthetic demo accounts in the Yvelines
    expect(r10[3]).toBeGreaterThan(0); // CHI Poissy–Saint-Germain, clinics
    expect(await result.innerText()).toMatch(/clients synthétiques/i);
    // the per-layer table: a heading per band, one cell per number (never "97160201" for 97 / 160 / 201)
    const layers = result.locator('[data-testid=isochrone-layers]');
    expect((await layers.locator('thead th').allInnerTexts()).map((h) => h.trim())).toEqual(['Couche', '≤ 3 min', '≤ 6 min', '≤ 10 min']);
    const layerRows = await layers.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      name: tr.querySelector('th')?.textContent ?? '', cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    })));
    expect(layerRows.length).toBeGreaterThanOrEqual(1);
    for (const l of layerRows) {
      expect(l.cells, JSON.stringify(l)).toHaveLength(3);
      const [a, b, c] = l.cells.map(num);
      expect(a).toBeLessThanOrEqual(b);
      expect(b).toBeLessThanOrEqual(c);
    }
    expect(layerRows.reduce((s, l) => s + num(l.cells[2]), 0)).toBe(r10[2]);
    // the rule for a commune's time is stated, and each listed commune's time fits its band
    expect(await result.locator('[data-testid=isochrone-commune-rule]').innerText()).toMatch(/Temps d’une commune : temps en voiture/);
    await result.locator('[data-testid=isochrone-communes] summary').click();
    const communeRows = await result.locator('[data-testid=isochrone-communes] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(communeRows.length).toBe(r10[0]);
    for (const [time, band] of communeRows) {
      const minutes = Number(time.replace(/\s*min$/, ''));
      const bandMin = Number(band.replace(/^.*≤\s*/, '').replace(/\s*min$/, '').replace(',', '.'));
      expect(minutes, `${time} / ${band}`).toBeLessThanOrEqual(bandMin);
    }
    expect(communeRows.filter(([, band]) => /≤ 3 min/.test(band)).length).toBe(r3[0]);
    await result.locator('[data-testid=isochrone-sites] summary').click();
    expect(await result.locator('[data-testid=isochrone-sites] li').count()).toBe(r10[3]);
    expect(await result.locator('[data-testid=isochrone-sites]').innerText()).toMatch(/POISSY ST GERMAIN/);
    await session.waitForMapIdle();
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await session.waitForMapIdle();
      await result.locator('[data-testid=isochrone-layers]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, `isochrone-table-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
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

  it('saves a band as a zone: named after the band and the origin, listed in Zones, its profile open', async () => {
    const { page, errors } = session;
    const panel = page.locator('[data-testid=isochrone-panel]');
    const result = panel.locator('[data-testid=isochrone-result]');
    // the commune list of the ≤ 6 min band: every commune whose own time is within 6 min (bands are cumulative)
    await result.locator('[data-testid=isochrone-communes] summary').click();
    const bandCodes = await result.locator('[data-testid=isochrone-communes] tbody tr').evaluateAll((trs) =>
      trs.filter((tr) => Number((tr.querySelectorAll('td')[0]?.textContent ?? '').replace(/\s*min$/, '')) <= 6).length);
    const bandRow = await result.locator('[data-testid=isochrone-bands] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelectorAll('td')[0]?.textContent ?? '']));
    const sixMinCommunes = Number(bandRow.find(([band]) => /≤ 6 min/.test(band))![1].replace(/\D/g, ''));
    expect(bandCodes).toBe(sixMinCommunes);
    await result.getByRole('button', { name: 'Enregistrer la bande ≤ 6 min comme zone' }).click();
    const name = result.getByLabel('Nom de la zone');
    expect(await name.inputValue()).toBe('≤ 6 min autour de Saint-Germain-en-Laye');
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await result.locator('[data-testid=isochrone-save-form]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, `isochrone-save-zone-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await result.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const profile = page.locator('[data-testid=zone-profile]');
    await profile.locator('h2', { hasText: '≤ 6 min autour de Saint-Germain-en-Laye' }).waitFor({ timeout: 30_000 });
    expect(await profile.innerText()).toMatch(/isochrone ≤ 6 min/i);
    expect(await profile.innerText()).toContain(`${sixMinCommunes} commune`);
    await profile.locator('[data-testid=zone-figures]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=zones-panel]', { hasText: '≤ 6 min autour de Saint-Germain-en-Laye' }).waitFor();
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await session.waitForMapIdle();
      await profile.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, `isochrone-zone-profile-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(errors).toEqual([]);
  });
});
