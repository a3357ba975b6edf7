import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ROOT } from '../helpers/template.js';

const artifacts = join(ROOT, 'test/e2e/artifacts');
type MapHandle = { isMoving(): boolean; loaded(): boolean; getZoom(): number; project(p: [number, number]): { x: number; y: number }; jumpTo(o: unknown): void };

(browserSkipReason ? describe.skip : describe)(`data layers and imports in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, { timeout: 300_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(90_000); // a shared, loaded CI machine: WebGL in software on 2 cores
    page.on('pageerror', (e) => errors.push(e.message));
    // deck.gl reports a failing layer on the console (and stops drawing every layer): count it as an error.
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    page.on('dialog', (d) => void d.accept());
    // The first-visit help (tested in its own file) would cover the panels here.
    await page.addInitScript(() => localStorage.setItem('maillage.help.seen', '1'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the seeded demo CRM layer, labelled synthetic, and colours communes by its count', async () => {
    await page.goto(server.url, { timeout: 120_000 });
    const item = page.locator('[data-testid=layer-item]', { hasText: 'Démo CRM' });
    await item.waitFor({ timeout: 60_000 });
    expect(await item.innerText()).toMatch(/synthétique[\s\S]*20\s000 lignes/);
    await item.getByRole('button', { name: 'Colorer les communes' }).click();
    await page.locator('[data-testid=legend] .legend-title', { hasText: 'Nombre de lignes' }).waitFor();
    expect(await page.locator('[data-testid=legend]').innerText()).toMatch(/synthétique/);
    // counts: classes of whole numbers, "0" then "1 – …", never "0 – 2" after "0"
    const classes = (await page.locator('[data-testid=legend] li').allInnerTexts()).map((s) => s.trim());
    expect(classes[0]).toBe('0');
    expect(classes[1]).toMatch(/^1( – \d+)?$/);
    // the purple hexagons are explained: which layer, labelled synthetic
    expect(await page.locator('[data-testid=hexagon-legend]').innerText()).toMatch(/Points par hexagone[\s\S]*Démo CRM[^\n]*\(synthétique\)/);
    await page.waitForTimeout(1500); // hexagon aggregation of the 20,000 accounts drawn
    await page.screenshot({ path: join(artifacts, 'layers-france.png') });
    expect(errors).toEqual([]);
  });

  it('imports a file with bad rows through the UI: preview, mapping, progress, report with the reasons', async () => {
    // Hide the demo layer so the only points near Rennes are the imported ones.
    const demoBox = page.locator('[data-testid=layer-item]', { hasText: 'Démo CRM' }).locator('input[type=checkbox]');
    await demoBox.click(); // controlled: unchecked once the API has stored `hidden`
    await page.waitForFunction(() => !(document.querySelector('[aria-label^="Afficher Démo CRM"]') as HTMLInputElement).checked);
    await page.getByRole('button', { name: 'Importer…' }).click();
    const panel = page.locator('[data-testid=import-panel]');
    await panel.locator('[data-testid=import-file]').setInputFiles({
      name: 'clients-erreurs.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(ROOT, 'test/fixtures/imports/bad-rows.csv')),
    });
    await panel.locator('.preview-table td', { hasText: 'Code inconnu' }).waitFor();
    // Suggested mapping: id, nom, insee, cp, ville, lon, lat; "ca" proposed as a numeric measure.
    expect(await panel.getByLabel('Identifiant (clé) *').inputValue()).toBe('id');
    expect(await panel.getByLabel('Code commune INSEE').inputValue()).toBe('insee');
    expect(await panel.getByLabel('Mesure ca').inputValue()).toBe('number');
    await panel.getByLabel('Unité de ca').fill('EUR');
    await panel.getByLabel('Nom de la couche').fill('Clients test e2e');
    await panel.getByLabel('Source').fill('fichier de test (rangées fausses)');
    await panel.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = panel.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    const [, imported, rejected, read] = /(\d+) lignes importées, (\d+) rejetées sur (\d+)/.exec(text)!.map(Number);
    expect(read).toBe(11);
    expect(imported + rejected).toBe(11);
    expect(imported).toBeGreaterThanOrEqual(3); // K1 (code), K10 (former code 74011), K11 (01004)
    expect(text).toMatch(/ancien code commune 1/);
    expect(text).toMatch(/99999/); // the unknown commune code is named in a reason
    const rejectRows = await report.locator('table.rejects tbody tr').count();
    expect(rejectRows).toBeGreaterThanOrEqual(rejected);
    // The rejects CSV downloads with every rejected row.
    const [download] = await Promise.all([page.waitForEvent('download'), report.locator('[data-testid=rejects-csv]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).filter((l) => !l.startsWith('# '));
    expect(csv[0]).toBe('Ligne;Clé;Champ;Gravité;Motif');
    expect(csv.length - 1).toBeGreaterThanOrEqual(rejected);
    expect(text).not.toMatch(/unknown|does not match|is not a|duplicate key/i); // reasons in French
    await page.screenshot({ path: join(artifacts, 'import-report.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'import-report-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });

  it('a re-import where every row is rejected stores nothing: the report says so and the layer keeps its rows', async () => {
    const before = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.find((l: { name: string }) => l.name === 'Clients test e2e'));
    expect(before.featureCount).toBeGreaterThanOrEqual(3);
    const panel = page.locator('[data-testid=import-panel]');
    await panel.locator('[data-testid=import-file]').setInputFiles({ name: 'clients-casse.csv', mimeType: 'text/csv', buffer: readFileSync(join(ROOT, 'test/fixtures/imports/all-rejected.csv')) });
    await panel.locator('.preview-table td', { hasText: 'Cabinet Ajaccio' }).waitFor();
    expect(await panel.getByLabel('Code commune INSEE').inputValue()).toBe('code_insee');
    expect(await panel.getByLabel('Mesure ca_eur').inputValue()).toBe('number'); // suggested by the API, typed
    expect(await panel.getByLabel('Unité de ca_eur').inputValue()).toBe('€');
    expect(await panel.locator('[data-testid=on-row-error]').innerText()).toMatch(/importer les lignes valides[\s\S]*ne rien importer \(tout ou rien\)/);
    await panel.getByLabel('Nom de la couche').fill('Clients test e2e');
    await panel.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = panel.locator('[data-testid=import-report][data-stored=false]');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    expect(text).toMatch(/Rien n’a été importé/);
    expect(text).toMatch(/0 ligne importée, 4 rejetées sur 4/);
    expect(text).toMatch(/code commune 99999 inconnu/);
    const after = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.find((l: { name: string }) => l.name === 'Clients test e2e'));
    expect(after).toEqual(before); // same rows, provenance, name
    const [download] = await Promise.all([page.waitForEvent('download'), report.locator('[data-testid=rejects-csv]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(csv[0]).toBe('Ligne;Clé;Champ;Gravité;Motif');
    expect(csv).toHaveLength(5);
    await page.screenshot({ path: join(artifacts, 'import-report-nothing-stored.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'import-report-nothing-stored-phone.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });

  it('a binary file named .csv clears the previous preview, says what it looks like, and offers no "Importer"', async () => {
    const panel = page.locator('[data-testid=import-panel]');
    await panel.locator('[data-testid=import-file]').setInputFiles({ name: 'clean.csv', mimeType: 'text/csv', buffer: readFileSync(join(ROOT, 'test/fixtures/imports/clean.csv')) });
    await panel.getByRole('button', { name: 'Importer', exact: true }).waitFor();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await panel.locator('[data-testid=import-file]').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: png });
    await panel.locator('[data-testid=import-file-error]').waitFor();
    expect(await panel.locator('[data-testid=import-file-error]').innerText()).toMatch(/n'est pas un fichier CSV\/texte \(il ressemble à une image PNG\)/);
    expect(await panel.getByRole('button', { name: 'Importer', exact: true }).count()).toBe(0);
    expect(await panel.locator('.preview-table').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows the new layer in the Layers panel and its points on the map; a click opens the account', async () => {
    await page.locator('[data-testid=import-panel] button[aria-label="Fermer l\'import"]').click();
    const item = page.locator('[data-testid=layer-item]', { hasText: 'Clients test e2e' });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/interne · \d+ lignes/);
    // Zoom on Rennes (K1 is placed at the centroid of 35238) where accounts are drawn one by one.
    const k1 = await page.evaluate(async () => {
      const { layers } = await (await fetch('/api/layers')).json();
      const layer = layers.find((l: { name: string }) => l.name === 'Clients test e2e');
      const { features } = await (await fetch(`/api/layers/${layer.id}/features`)).json();
      return features.find((f: { key: string }) => f.key === 'K1') as { lon: number; lat: number };
    });
    await page.evaluate(([lon, lat]) => { (window as unknown as { __maillageMap: MapHandle }).__maillageMap.jumpTo({ center: [lon, lat], zoom: 12 }); }, [k1.lon, k1.lat]);
    await page.waitForFunction(() => {
      const map = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
      return !!map && !map.isMoving() && map.loaded() && map.getZoom() > 11.9;
    });
    await page.waitForTimeout(500); // deck.gl redraw after the view change
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    const at = await page.evaluate(([lon, lat]) => (window as unknown as { __maillageMap: MapHandle }).__maillageMap.project([lon, lat]), [k1.lon, k1.lat]);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    const card = page.locator('[data-testid=account-card]');
    await card.waitFor();
    expect(await card.innerText()).toMatch(/Clients test e2e[\s\S]*Bon[\s\S]*Rennes \(35238\)[\s\S]*K1[\s\S]*Localisé par code commune/i);
    await page.screenshot({ path: join(artifacts, 'layer-points.png') });
    expect(errors).toEqual([]);
  });

  it('renames and describes the layer, deletes it, undoes the delete from the toast, then deletes it for good', async () => {
    const item = page.locator('[data-testid=layer-item]', { hasText: 'Clients test e2e' });
    await item.locator('summary').click();
    await item.getByLabel('Nom de la couche').fill('Clients renommés');
    await item.getByLabel('Description de la couche').fill('Fichier de test');
    await item.getByRole('button', { name: 'Enregistrer' }).click();
    const renamed = page.locator('[data-testid=layer-item]', { hasText: 'Clients renommés' });
    await renamed.waitFor();
    const stored = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.find((l: { name: string }) => l.name === 'Clients renommés'));
    expect(stored).toMatchObject({ description: 'Fichier de test', featureCount: expect.any(Number) });
    await renamed.getByRole('button', { name: 'Supprimer la couche' }).click();
    await renamed.waitFor({ state: 'detached' });
    const toast = page.locator('[data-testid=toast]', { hasText: 'Couche « Clients renommés » supprimée.' });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Annuler' }).click();
    await page.locator('[data-testid=layer-item]', { hasText: 'Clients renommés' }).waitFor(); // back, with its rows
    const restored = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.find((l: { name: string }) => l.name === 'Clients renommés'));
    expect(restored.featureCount).toBe(stored.featureCount);
    const again = page.locator('[data-testid=layer-item]', { hasText: 'Clients renommés' });
    await again.locator('summary').click();
    await again.getByRole('button', { name: 'Supprimer la couche' }).click();
    await again.waitFor({ state: 'detached' });
    const names = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.map((l: { name: string }) => l.name));
    expect(names).not.toContain('Clients renommés');
    expect(errors).toEqual([]);
  });
});
