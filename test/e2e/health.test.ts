import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, openBrowserSession, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

const CHI_SAINT_GERMAIN: [number, number] = [2.08608, 48.89812]; // FINESS 780000337, site of the CHI Poissy–Saint-Germain
const CHI_POISSY_EJ = '780001236';

(browserSkipReason ? describe.skip : describe)(`healthcare actor sheet in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  let page: Page;
  let errors: string[];
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-health-'));

  beforeAll(async () => {
    // A real road graph (Saint-Germain-en-Laye, OSM) so the competitors list has drive times.
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { source: 'OpenStreetMap Saint-Germain-en-Laye (test fixture)', sourceDate: '2021' });
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile });
    ({ page, errors } = session);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sheet = () => page.locator('[data-testid=health-actor-sheet]');

  it('opens a hospital site from the map (chooser at a shared address), links it to its legal entity, shows the entity activity', async () => {
    await page.goto(`${session.server.url}#hospitals=1`);
    await page.locator('[data-testid=health-panel]', { hasText: /5\s368 sites/ }).waitFor({ timeout: 60_000 });
    await session.jumpTo(CHI_SAINT_GERMAIN, 13);
    await session.waitForMapIdle();
    await session.clickMap(CHI_SAINT_GERMAIN);
    // two sites share this address: the map asks which one
    await page.locator('[data-testid=map-chooser] button', { hasText: 'POISSY ST GERMAIN SITE ST GERMAIN' }).click();
    await sheet().waitFor();
    expect(await sheet().locator('h2').innerText()).toMatch(/POISSY ST GERMAIN SITE ST GERMAIN/);
    // This site is not linked to its legal entity by the automatic linkage: attach it by hand (stored as an override).
    if (!/780000337/.test(await sheet().locator('.eyebrow').first().innerText())) {
      await sheet().locator('[data-testid=health-competitors] button', { hasText: 'CTRE HOSP INTERCOMMUNAL' }).click();
    }
    await sheet().locator('.eyebrow', { hasText: '780000337' }).waitFor();
    await sheet().getByLabel("FINESS de l'entité à rattacher").fill(CHI_POISSY_EJ);
    await sheet().getByRole('button', { name: 'rattacher' }).click();
    await sheet().locator('[data-testid=health-activity-chart]').waitFor();
    expect(await sheet().innerText()).toMatch(/CHIC DE POISSY ST-GERMAIN/);
    expect(await sheet().innerText()).toMatch(/Tendance 2015–2024/);
    // the entity's stays are labelled as the entity's, never as this site's own
    expect(await sheet().locator('[data-testid=health-activity-scope]').first().innerText()).toMatch(/activité de l’entité juridique \(\d+ sites\)/i);
    expect(await sheet().innerText()).toMatch(/Chiffres de l’entité juridique entière \(\d+ sites\)/);
    expect(await sheet().innerText()).toMatch(/Séjours 2024 \(entité\)/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the modelled attractiveness zone and the MCO competitors by drive time, with the activity filter', async () => {
    const sheet = page.locator('[data-testid=health-actor-sheet]');
    const zone = sheet.locator('[data-testid=health-attractiveness]');
    await zone.waitFor();
    const notice = await zone.locator('[data-testid=health-flows-notice]').innerText();
    expect(notice).toMatch(/^Flux modélisés, non observés \(modèle gravitaire sur les temps de trajet/);
    expect(notice).not.toMatch(/modelled|observed|gravity|drive|seeded/i);
    const competitors = sheet.locator('[data-testid=health-competitors]');
    await competitors.locator('[data-testid=health-competitors-summary]').waitFor();
    expect(await competitors.innerText()).toMatch(/CLINIQUE SAINT GERMAIN/);
    expect(await competitors.innerText()).toMatch(/à moins de 30 min/);
    // MCO sites only by default, and the filter says so; the consultation / day-hospital sites come with "tous les sites"
    expect(await competitors.locator('[data-testid=health-competitors-filter]').innerText()).toMatch(/^Sites MCO \(médecine, chirurgie, obstétrique\) seulement/);
    expect(await competitors.innerText()).not.toMatch(/HOPITAL DE JOUR DE PSYCHIATRIE|CONSULTATION PRE ET POSTNATALE/);
    // a shorter time keeps the nearest MCO site only (1 min 14 s for the clinic)
    await competitors.getByLabel('Temps de trajet maximal en minutes').fill('2');
    await competitors.getByRole('button', { name: 'calculer' }).click();
    await competitors.locator('[data-testid=health-competitors-summary]', { hasText: 'à moins de 2 min' }).waitFor();
    expect(await competitors.locator('tbody tr').count()).toBe(1);
    await competitors.getByTestId('health-competitors-activity').selectOption('all');
    await competitors.locator('[data-testid=health-competitors-filter]', { hasText: 'Tous les sites' }).waitFor();
    expect(await competitors.locator('tbody tr').count()).toBe(2);
    await competitors.getByTestId('health-competitors-activity').selectOption('mco');
    await competitors.locator('[data-testid=health-competitors-filter]', { hasText: 'Sites MCO' }).waitFor();
    await competitors.getByLabel('Temps de trajet maximal en minutes').fill('10');
    await competitors.getByRole('button', { name: 'calculer' }).click();
    await competitors.locator('[data-testid=health-competitors-summary]', { hasText: 'à moins de 10 min' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the sheet with its zone in view at 1440 × 900 and on a phone (screenshots)', async () => {
    const sheet = page.locator('[data-testid=health-actor-sheet]');
    // the whole 80 % zone in view, the sheet's chart, zone and competitors in the panel
    await session.jumpTo([1.98, 48.93], 9.6);
    await session.waitForMapIdle();
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await session.waitForMapIdle();
      await sheet.locator('[data-testid=health-activity-chart]').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, `health-actor-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('computes zone indicators for a département and exports them as CSV labelled modelled', async () => {
    // GP density per 10,000 inhabitants as the commune layer, from the health panel
    await page.locator('[data-testid=health-panel]').getByRole('button', { name: 'médecins généralistes / 10 000 hab.' }).click();
    await page.locator('[data-testid=legend]', { hasText: /généralistes/i }).waitFor();
    const tool = page.locator('[data-testid=health-panel] details', { hasText: 'Indicateurs de zone' });
    await tool.locator('summary').click();
    await tool.getByLabel('Codes de la zone').fill('78');
    await tool.getByRole('button', { name: 'calculer' }).click();
    const result = tool.locator('[data-testid=health-zone-result]');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/Autarcie[\s\S]*Fuite/);
    expect(await result.innerText()).toMatch(/Flux modélisés, non observés/);
    const [download] = await Promise.all([page.waitForEvent('download'), tool.getByTestId('health-zone-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/MODÉLISÉS, NON OBSERVÉS/);
    expect(csv).toMatch(/fuite/);
    expect(csv).toMatch(/CHIC DE POISSY ST-GERMAIN/);
    expect(errors).toEqual([]);
  });
});
