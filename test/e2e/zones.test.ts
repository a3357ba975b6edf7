import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, SCREENSHOTS, openBrowserSession, type BrowserSession } from '../helpers/e2e.js';

// A quadrilateral around Versailles and Le Chesnay (Yvelines): a handful of communes, one département.
const VERSAILLES: [number, number] = [2.125, 48.805];
const POLYGON: [number, number][] = [[2.08, 48.83], [2.17, 48.83], [2.17, 48.78], [2.08, 48.78]];

const downloadBytes = async (d: Download) => readFileSync((await d.path())!);

type MapHandle = { isMoving(): boolean; loaded(): boolean };
/** Map loaded and still (the shared helper's 30 s is short for the France choropleth on a busy 2-core machine). */
const mapIdle = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
    return !!m && m.loaded() && !m.isMoving();
  }, undefined, { timeout: 120_000 });
};

async function shoot(page: Page, name: string, width: number, height: number, ready: () => Promise<void>) {
  if (!SCREENSHOTS) return;
  await page.setViewportSize({ width, height });
  await ready();
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-${width}x${height}.png`) });
}

(browserSkipReason ? describe.skip : describe)(`zones in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await session?.page.screenshot({ path: join(ARTIFACTS_DIR, `zones-failure-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`), timeout: 60_000 }).catch(() => {});
  });
  afterAll(async () => {
    await session?.close();
  });

  it('draws a polygon, saves it, shows its profile, compares it with its département, exports XLSX and PNG', async () => {
    await journey(session.page, session.errors);
  }, 420_000);

  async function journey(page: Page, errors: string[]) {
    page.setDefaultTimeout(90_000); // the 2-core test machine is shared: clicks and renders can take tens of seconds
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(session.server.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const panel = page.locator('[data-testid=zones-panel]');
    await panel.waitFor({ timeout: 60_000 });
    const help = page.locator('[data-testid=help]');
    if (await help.isVisible()) await help.getByRole('button', { name: 'Fermer' }).first().click(); // first-visit help
    await page.waitForFunction(() => !!(window as unknown as { __maillageMap?: unknown }).__maillageMap, undefined, { timeout: 60_000 });
    await session.jumpTo(VERSAILLES, 11.5);
    // drawing needs no tiles: the clicks are turned into coordinates

    // Draw: the tool shows in the status line and the cursor; four clicks, then "Terminer".
    await panel.getByRole('button', { name: 'Dessiner' }).click();
    const status = page.locator('[data-testid=tool-status]');
    await status.waitFor();
    expect(await status.getAttribute('data-tool')).toBe('draw-polygon');
    expect(await page.locator('.map.map-tool-draw-polygon').count()).toBe(1);
    for (const p of POLYGON) await session.clickMap(p);
    await status.getByRole('button', { name: 'Terminer' }).click({ noWaitAfter: true });
    await status.waitFor({ state: 'detached' });
    await panel.getByText('Polygone de 4 sommets').waitFor();
    await panel.getByLabel('Nom de la zone').fill('Versailles et alentours');
    await panel.getByRole('button', { name: 'Enregistrer comme zone' }).click();

    // Saved: listed with its kind, version and size; the profile opens in the sheet.
    const row = panel.locator('.zone-row', { hasText: 'Versailles et alentours' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/v1[\s\S]*Dessinée[\s\S]*communes?[\s\S]*hab\./);
    const profile = page.locator('[data-testid=zone-profile]');
    await profile.locator('[data-testid=zone-figures] li').first().waitFor({ timeout: 30_000 });
    const profileText = await profile.innerText();
    expect(profileText).toContain('Versailles et alentours');
    expect(profileText).toMatch(/couverture \d+\s?%/);
    expect(profileText).toMatch(/indice \d+/);
    await profile.locator('[data-testid=age-pyramid]').waitFor();
    await shoot(page, 'zones-profile', 1440, 900, () => mapIdle(page));
    await shoot(page, 'zones-profile', 390, 844, () => mapIdle(page));
    await page.setViewportSize({ width: 1440, height: 900 });

    // Compare with its département: the drawer shows both zones.
    await profile.locator('[data-testid=compare-with-reference]').click();
    const table = page.locator('[data-testid=compare-table]');
    await table.waitFor({ timeout: 30_000 });
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers.join(' | ')).toMatch(/Versailles et alentours[\s\S]*Yvelines/);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    await shoot(page, 'zones-compare', 1440, 900, () => mapIdle(page));
    await shoot(page, 'zones-compare', 390, 844, () => mapIdle(page));
    await page.setViewportSize({ width: 1440, height: 900 });
    await mapIdle(page);

    // XLSX of the profile: a real workbook with a Provenance sheet naming the zone.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), profile.getByRole('group', { name: 'Exporter' }).getByRole('button', { name: 'XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadBytes(xlsx)) as never);
    const sheetNames = workbook.worksheets.map((w) => w.name);
    expect(sheetNames).toContain('Provenance');
    const provenance: string[] = [];
    workbook.getWorksheet('Provenance')!.eachRow((r) => provenance.push(String(r.values)));
    expect(provenance.join('\n')).toMatch(/Versailles et alentours/);

    // PNG of the map (client-side), recorded in the export log.
    const logged = page.waitForResponse((r) => r.url().endsWith('/api/exports/log') && r.request().method() === 'POST');
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=zone-compare]').getByRole('button', { name: 'PNG' }).click()]);
    const bytes = await downloadBytes(png);
    writeFileSync(join(ARTIFACTS_DIR, 'zones-export-map.png'), bytes);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.readUInt32BE(16)).toBe(1440); // IHDR width: the map canvas at device pixel ratio 1
    expect(bytes.length).toBeGreaterThan(50_000); // a map, a legend and text, not a blank canvas
    expect((await logged).status()).toBe(201);
    if (SCREENSHOTS) await page.screenshot({ path: join(ARTIFACTS_DIR, 'zones-after-png.png') });
    expect(errors).toEqual([]);
  }

  it('creates a zone from pasted codes (unknown ones named), edits it by clicking a commune (v2), deletes it and undoes', async () => {
    const { page, errors } = session;
    const panel = page.locator('[data-testid=zones-panel]');
    await page.locator('[data-testid=zone-compare]').getByRole('button', { name: 'Fermer la comparaison' }).click();
    // Escape cancels a tool.
    await panel.getByRole('button', { name: 'Dessiner' }).click();
    await page.locator('[data-testid=tool-status]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=tool-status]').waitFor({ state: 'detached' });

    await panel.getByRole('button', { name: 'Liste' }).click();
    await panel.getByLabel('Codes des communes').fill('78646\n99999');
    await panel.getByLabel('Nom de la zone').fill('Versailles + Le Chesnay');
    await panel.getByRole('button', { name: 'Enregistrer comme zone' }).click();
    await panel.getByRole('alert').filter({ hasText: '99999' }).waitFor();
    await panel.getByLabel('Codes des communes').fill('78646\n78158');
    await panel.getByRole('button', { name: 'Enregistrer comme zone' }).click();
    const row = panel.locator('.zone-row', { hasText: 'Versailles + Le Chesnay' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/v1[\s\S]*Liste de communes[\s\S]*2 communes/);

    // Pick-communes: Viroflay clicked in, then "Terminer" saves version 2.
    await page.locator('[data-testid=zone-profile]', { hasText: 'Versailles + Le Chesnay' }).locator('[data-testid=zone-figures] li').first().waitFor({ timeout: 60_000 });
    await session.jumpTo(VERSAILLES, 11.5);
    await mapIdle(page);
    await row.getByRole('button', { name: 'Modifier les communes' }).click();
    const status = page.locator('[data-testid=tool-status][data-tool=pick-communes]');
    await status.waitFor();
    await session.clickMap([2.1713, 48.8006]); // Viroflay
    await panel.getByText('1 à ajouter, 0 à retirer').waitFor();
    await status.getByRole('button', { name: 'Terminer' }).click();
    await row.locator('.zone-version', { hasText: 'v2' }).waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(/3 communes/);
    expect(await page.locator('[data-testid=zone-version] option').count()).toBe(2);

    // Delete with confirmation, then "Annuler" restores it.
    await row.getByRole('button', { name: 'Supprimer' }).click();
    await row.getByRole('button', { name: 'Oui, supprimer' }).click();
    await row.waitFor({ state: 'detached' });
    await panel.getByRole('status').filter({ hasText: 'supprimée' }).getByRole('button', { name: 'Annuler' }).click();
    await panel.locator('.zone-row', { hasText: 'Versailles + Le Chesnay' }).waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});
