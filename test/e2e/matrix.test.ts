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
// Typed as a user would: names (with a département where a name is shared) and codes, mixed.
const ORIGINS = 'Saint-Germain-en-Laye, le pecq (78)';
const DESTINATIONS = '78396 78367, Poissy';
const INPUT_LABEL = 'Communes (nom ou code INSEE) ou départements';
/** A CSV number (decimal comma) as a JS number. */
const num = (cell: string) => Number(cell.replace(',', '.'));

(browserSkipReason ? describe.skip : describe)(`drive-time matrix tool in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  let page: Page;
  let errors: string[];
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-matrix-'));

  beforeAll(async () => {
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { sourceDate: '2021', attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)' });
    // the fixture's commune points lie up to ~1 km from its roads: snap within 1 km (the default is 500 m)
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile, MAILLAGE_MAX_SNAP_M: '1000' });
    ({ page, errors } = session);
    page.setDefaultTimeout(90_000); // the CI box and the shared dev box can be slow to load the map
    // the first-visit help (tested in its own file) would cover the panels here
    await page.addInitScript(() => localStorage.setItem('maillage.help.seen', '1'));
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds origins and destinations from commune names and codes, computes, previews and downloads the French CSV', async () => {
    // commune names come from the map labels loaded at start: wait for them before typing codes
    const labels = page.waitForResponse((r) => r.url().includes('/api/territory/labels'));
    await page.goto(session.server.url);
    await (await labels).finished();
    const panel = page.getByTestId('matrix-panel');
    await panel.getByRole('button', { name: 'Matrice' }).click();
    const codes = panel.getByLabel(INPUT_LABEL);
    await codes.fill(ORIGINS);
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await panel.getByTestId('matrix-origins').filter({ hasText: 'Saint-Germain-en-Laye, Le Pecq' }).waitFor();
    await panel.getByRole('button', { name: 'Destinations', exact: true }).click();
    // a name several communes bear: nothing added, the candidates listed with their département, the name kept
    await codes.fill('Saint-Denis');
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const ambiguous = panel.getByTestId('matrix-error');
    await ambiguous.filter({ hasText: 'désigne' }).waitFor();
    expect(await ambiguous.innerText()).toMatch(/« Saint-Denis » désigne \d+ communes : .*Saint-Denis \(93\) — Seine-Saint-Denis.*Précisez le département/);
    expect(await ambiguous.innerText()).toContain('Saint-Denis (974) — La Réunion');
    expect(await codes.inputValue()).toBe('Saint-Denis');
    expect(await panel.getByTestId('matrix-destinations').innerText()).toMatch(/\(0\)/);
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
    // the one CSV writer: `;`, French headings, decimal comma
    expect(data[0]).toBe('Code origine;Nom origine;Code destination;Nom destination;Durée (min);Distance (km);Raison');
    expect(data).toHaveLength(1 + 6);
    expect(data[1]).toMatch(/^78551;Saint-Germain-en-Laye;78396;Le Mesnil-le-Roi;\d+(,\d)?;\d+(,\d\d?)?;$/);
    expect(data.slice(1).some((l) => /;\d+,\d+;/.test(l))).toBe(true);
    expect(data.join('\n')).not.toMatch(/;\d+\.\d+;/);
    expect(data[3]).toBe('78551;Saint-Germain-en-Laye;78498;Poissy;;;destination hors du réseau routier');
    // the preview's first time is the CSV's, rounded the same way
    const previewMin = /(\d+,\d) min/.exec(await rows.nth(0).innerText())![1];
    expect(num(data[1].split(';')[4])).toBe(num(previewMin));
    expect(errors).toEqual([]);
  }, 400_000); // many steps through the real server; the shared box can be slow

  it('warns beyond 2,500 × 2,500 and shows the API refusal', async () => {
    const panel = page.getByTestId('matrix-panel');
    await panel.getByRole('button', { name: 'Origines', exact: true }).click();
    await panel.getByLabel(INPUT_LABEL).fill('62 02 80 76'); // ≈ 3,200 communes
    await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await panel.getByText(/Au-delà de 2\s500 × 2\s500/).waitFor();
    await panel.getByRole('button', { name: 'Calculer' }).click();
    const error = panel.getByTestId('matrix-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/au plus 2\s500 origines × 2\s500 destinations ; reçu \d\s\d{3} × 3/);
    expect(await panel.getByTestId('matrix-result').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
