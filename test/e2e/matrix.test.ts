import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, openBrowserSession, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

// On the Saint-Germain-en-Laye fixture graph, the points of Saint-Germain-en-Laye (78551), Le Pecq (78481),
// Le Mesnil-le-Roi (78396) and Mareil-Marly (78367) snap to roads; Poissy's (78498) lies off the graph.
const ORIGINS = '78551, 78481';
const DESTINATIONS = '78396 78367 78498';

(browserSkipReason ? describe.skip : describe)(`drive-time matrix tool in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  let page: Page;
  let errors: string[];
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-matrix-'));

  beforeAll(async () => {
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { sourceDate: '2021', attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)' });
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile });
    ({ page, errors } = session);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds origins and destinations from commune codes, computes, previews and downloads the CSV', async () => {
    // commune names come from the map labels loaded at start: wait for them before typing codes
    const labels = page.waitForResponse((r) => r.url().includes('/api/territory/labels'));
    await page.goto(session.server.url);
    await (await labels).finished();
    const panel = page.getByTestId('matrix-panel');
    await panel.getByRole('button', { name: 'Matrice' }).click();
    const codes = panel.getByLabel('Codes INSEE de communes ou de départements');
    await codes.fill(ORIGINS);
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await panel.getByTestId('matrix-origins').filter({ hasText: 'Saint-Germain-en-Laye, Le Pecq' }).waitFor();
    await panel.getByRole('button', { name: 'Destinations', exact: true }).click();
    await codes.fill(DESTINATIONS);
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await panel.getByTestId('matrix-destinations').filter({ hasText: 'Le Mesnil-le-Roi, Mareil-Marly, Poissy' }).waitFor();
    expect(await panel.getByTestId('matrix-size').innerText()).toMatch(/2 × 3 = 6 couples/);

    await panel.getByRole('button', { name: 'Calculer' }).click();
    const summary = panel.getByTestId('matrix-summary');
    await summary.waitFor();
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/couples 6 avec trajet 67 % médiane \/ max \d+,\d \/ \d+,\d min/);
    const rows = panel.getByTestId('matrix-preview').locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(0).innerText()).toMatch(/Saint-Germain-en-Laye\s+Le Mesnil-le-Roi\s+\d+,\d min\s+\d+,\d km/);
    expect(await rows.nth(2).innerText()).toMatch(/Saint-Germain-en-Laye\s+Poissy\s+destination hors réseau/);
    expect(await rows.nth(4).innerText()).toMatch(/Le Pecq\s+Mareil-Marly\s+\d+,\d min/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'matrix.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('matrix-csv').click()]);
    expect(download.suggestedFilename()).toBe('matrice-temps-trajet-2x3.csv');
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^# Maillage — matrice des temps de trajet en voiture : 2 origines × 3 destinations/);
    expect(lines.join('\n')).toMatch(/licence : ODbL ; Réseau routier © les contributeurs OpenStreetMap \(ODbL\)/);
    const data = lines.filter((l) => !l.startsWith('# '));
    expect(data[0]).toBe('origin_code;origin_name;destination_code;destination_name;duration_min;distance_km;reason');
    expect(data).toHaveLength(1 + 6);
    expect(data[1]).toMatch(/^78551;Saint-Germain-en-Laye;78396;Le Mesnil-le-Roi;\d+\.\d;\d+\.\d\d;$/);
    expect(data[3]).toBe('78551;Saint-Germain-en-Laye;78498;Poissy;;;destination_off_network');
    // the preview's first time is the CSV's, rounded the same way
    const previewMin = /(\d+,\d) min/.exec(await rows.nth(0).innerText())![1].replace(',', '.');
    expect(data[1].split(';')[4]).toBe(previewMin);
    expect(errors).toEqual([]);
  });

  it('warns beyond 2,500 × 2,500 and shows the API refusal', async () => {
    const panel = page.getByTestId('matrix-panel');
    await panel.getByRole('button', { name: 'Origines', exact: true }).click();
    await panel.getByLabel('Codes INSEE de communes ou de départements').fill('62 02 80 76'); // ≈ 3,200 communes
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await panel.getByText(/Au-delà de 2\s500 × 2\s500/).waitFor();
    await panel.getByRole('button', { name: 'Calculer' }).click();
    const error = panel.getByTestId('matrix-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/at most 2500 × 2500 points; got \d{4} × 3/);
    expect(await panel.getByTestId('matrix-result').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
