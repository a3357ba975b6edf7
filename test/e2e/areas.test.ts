import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, SCREENSHOTS, frenchNumber, openBrowserSession, shootBothSizes, shootOnce, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';
import { StoreTimesEngine } from '../../api/src/engine/store-times.js';
import { createRoutingNetwork, type LonLat } from '../../api/src/domain/routing/index.js';
import { huff } from '../../api/src/domain/areas/index.js';

// Four stores on the Saint-Germain-en-Laye road fixture (real OSM drive network): two own, two competitors.
const STORES = [
  { id: 'E2E-P1', nom: 'Magasin Saint-Germain centre', reseau: 'propre', lonLat: [2.093547, 48.898689], surface: 1500 },
  { id: 'E2E-P2', nom: 'Magasin Achères', reseau: 'propre', lonLat: [2.074224, 48.960886], surface: 800 },
  { id: 'E2E-C1', nom: 'Concurrent Poissy', reseau: 'concurrent', lonLat: [2.053549, 48.924113], surface: 1200 },
  { id: 'E2E-C2', nom: 'Concurrent Le Mesnil', reseau: 'concurrent', lonLat: [2.134908, 48.954087], surface: 600 },
] as const;
/** Customers are drawn from the Huff model with these parameters, on the engine's own drive times: calibration must find them back. */
const TRUE_PARAMS = { gamma: 1.2, decay: { kind: 'power' as const, lambda: 1.8 } };
const CANDIDATE: [number, number] = [2.100701, 48.894577]; // a road of Le Pecq side, near the own central store
const MAP_VIEW: [number, number] = [2.1, 48.925];
const MOVE_TO: [number, number] = [2.08608, 48.89812]; // a street of Saint-Germain town centre (the hospital's site)
/** This extract covers Saint-Germain-en-Laye and its edges: commune points up to 3 km from its roads are taken on (server and test alike). */
const MAX_SNAP_M = 3000;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const shoot = (page: Page, name: string, target: string) => shootBothSizes(page, 'areas', name, target);

(browserSkipReason ? describe.skip : describe)(`trade areas in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-areas-'));
  const layerNames = { stores: 'Magasins e2e', customers: 'Clients e2e' };

  async function importCsv(name: string, rows: string[], mapping: unknown): Promise<string> {
    const form = new FormData();
    form.set('file', new Blob([rows.join('\n') + '\n'], { type: 'text/csv' }), `${name}.csv`);
    form.set('mapping', JSON.stringify(mapping));
    form.set('name', name);
    const res = await fetch(`${session.server.url}/api/layers/imports`, { method: 'POST', body: form });
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body.layer.id as string;
  }

  beforeAll(async () => {
    const graphFile = writeFixtureGraph(dir, 'saint-germain-en-laye', { sourceDate: '2021', attribution: 'Réseau routier © les contributeurs OpenStreetMap (ODbL)' });
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile, MAILLAGE_MAX_SNAP_M: String(MAX_SNAP_M) });
    // The users' files: their stores, and their customers with the store each one goes to.
    await importCsv(layerNames.stores, ['id;nom;reseau;longitude;latitude;surface_m2', ...STORES.map((s) => [s.id, s.nom, s.reseau, ...s.lonLat, s.surface].join(';'))], {
      key: 'id', name: 'nom', lon: 'longitude', lat: 'latitude',
      measures: [{ column: 'reseau', name: 'reseau', type: 'category' }, { column: 'surface_m2', name: 'surface_m2', unit: 'm2', type: 'number' }],
    });
    const { communes } = (await (await fetch(`${session.server.url}/api/communes?bbox=1.98,48.85,2.22,49.0&limit=500`)).json()) as { communes: { code: string; point: [number, number] | null }[] };
    const points = communes.filter((c) => c.point).map((c) => ({ code: c.code, lon: c.point![0], lat: c.point![1] }));
    const { graph, ch } = fixtureNetwork('saint-germain-en-laye');
    const network = createRoutingNetwork(graph, ch, { maxSnapDistanceM: MAX_SNAP_M });
    const engine = new StoreTimesEngine(network, points, 1);
    const run = await engine.times(network, STORES.map((s) => s.lonLat as unknown as LonLat), 90 * 60);
    await engine.close();
    const model = huff(run.times, Float64Array.from(STORES, (s) => s.surface), Float64Array.from(points, () => 1), Uint8Array.from(STORES, (s) => (s.reseau === 'propre' ? 1 : 0)), TRUE_PARAMS);
    const rows = ['id;magasin;code_insee'];
    let n = 0;
    STORES.forEach((s, i) => points.forEach((p, c) => {
      const count = Math.round(model.prob[i * points.length + c] * 600);
      for (let k = 0; k < count; k++) rows.push([`CLI-${++n}`, s.id, p.code].join(';'));
    }));
    expect(run.communeSnapped.filter(Boolean).length).toBeGreaterThanOrEqual(10); // 16 communes of the extract's area
    await importCsv(layerNames.customers, rows, { key: 'id', communeCode: 'code_insee', measures: [{ column: 'magasin', name: 'magasin', type: 'category' }] });
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') console.log(session?.server.output().slice(-3000));
    if (ctx.task.result?.state === 'fail') await session?.page.screenshot({ path: join(ARTIFACTS_DIR, `areas-failure-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => session.page.locator('[data-testid=areas-panel]');
  const state = () => session.state('values', 'areas') as Promise<Json>;

  it('picks the stores: a point layer, the role from the « reseau » column, the attractiveness from the surface', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(session.server.url);
    await page.waitForFunction(() => !!(window as unknown as { __maillageMap?: unknown }).__maillageMap, undefined, { timeout: 30_000 });
    await session.jumpTo(MAP_VIEW, 11.5);
    const p = panel();
    await p.locator('[data-testid=areas-store-layer]').selectOption({ label: layerNames.stores });
    // the role is guessed from the value « propre » of the reseau column, for the user to confirm
    await expect.poll(() => p.locator('[data-testid=areas-own-values] input:checked').count(), { timeout: 15_000 }).toBe(1);
    expect(await p.locator('[data-testid=areas-role-field]').inputValue()).toBe('reseau');
    await p.locator('[data-testid=areas-attractiveness]').selectOption('surface_m2');
    expect(await p.locator('[data-testid=areas-store-count]').innerText()).toBe('4 points dont 2 propres');
    if (SCREENSHOTS) await p.locator('[data-testid=areas-stores]').screenshot({ path: join(ARTIFACTS_DIR, 'areas-0-stores-1440x900.png') });
  });

  it('computes the Huff model and maps the own-network share per commune, labelled modelled', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-tab-button-huff]').click();
    await p.locator('[data-testid=areas-gamma]').fill(String(TRUE_PARAMS.gamma));
    await p.locator('[data-testid=areas-lambda]').fill(String(TRUE_PARAMS.decay.lambda));
    const response = page.waitForResponse((r) => r.url().endsWith('/api/areas/huff'));
    await p.locator('[data-testid=areas-compute-huff]').click();
    const body = (await (await response).json()) as Json;
    const result = p.locator('[data-testid=areas-huff-result]');
    await result.waitFor({ timeout: 20_000 });
    // one row per store, largest demand first, each number in French digit grouping; shares add up to 100 %
    const cells = await result.locator('[data-testid=areas-huff-stores] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!, ...[...tr.querySelectorAll('td')].map((td) => td.textContent!)]));
    expect(cells.map((c) => c[0]).sort()).toEqual(STORES.map((s) => s.nom).sort());
    const demands = cells.map((c) => frenchNumber(c[1]));
    expect(demands).toEqual([...demands].sort((a, b) => b - a));
    expect(cells.reduce((a, c) => a + frenchNumber(c[2]), 0)).toBeCloseTo(100, 0);
    expect(await result.locator('[data-testid=areas-label-modelled]').innerText()).toBe('modélisé');
    // the map: the communes coloured by the own-network share (a virtual indicator with its legend, labelled modelled)
    const s = await state();
    expect(s.values.indicatorId).toBe('areas:huff-share');
    const shown = s.values.values.filter((v: number | null) => v !== null);
    expect(shown.length).toBe(body.communes.ownShareRatio.filter((v: number | null) => v !== null).length);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const v of shown) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(100);
    const legend = page.locator('[data-testid=legend-dock]');
    await expect.poll(() => legend.innerText()).toMatch(/Part du réseau propre par commune \(Huff\)/);
    expect(await legend.locator('[data-testid=legend-quality]').allInnerTexts()).toContain('modélisé');
    expect(await p.locator('[data-testid=areas-legend]').innerText()).toMatch(/Propre[\s\S]*Concurrent/);
    await shoot(page, '1-huff', '[data-testid=areas-huff-stores]');
  });

  it('calibrates γ and λ on the customers (MCI and ML) and applies the ML fit to the Huff model', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-tab-button-calibrate]').click();
    await p.locator('[data-testid=areas-customer-layer]').selectOption({ label: layerNames.customers });
    expect(await p.locator('[data-testid=areas-store-key]').inputValue()).toBe('magasin');
    await p.locator('[data-testid=areas-compute-calibrate]').click();
    const fits = p.locator('[data-testid=areas-fits]');
    await fits.waitFor({ timeout: 20_000 });
    expect((await fits.locator('tbody th').allInnerTexts()).map((t) => t.trim())).toEqual(['MCI', 'MV']);
    for (const method of ['mci', 'ml']) {
      const gamma = frenchNumber(await p.locator(`[data-testid=areas-fit-gamma-${method}]`).innerText());
      const lambda = frenchNumber(await p.locator(`[data-testid=areas-fit-lambda-${method}]`).innerText());
      expect(gamma, method).toBeGreaterThan(TRUE_PARAMS.gamma * 0.9);
      expect(gamma, method).toBeLessThan(TRUE_PARAMS.gamma * 1.1);
      expect(lambda, method).toBeGreaterThan(TRUE_PARAMS.decay.lambda * 0.9);
      expect(lambda, method).toBeLessThan(TRUE_PARAMS.decay.lambda * 1.1);
    }
    // observed vs predicted share per store
    expect(await p.locator('[data-testid=areas-shares] tbody tr').count()).toBe(4);
    await shoot(page, '2-calibration', '[data-testid=areas-shares]');
    const mlGamma = (await state()).areas.results.calibrate.fits.ml.gamma as number;
    await p.locator('[data-testid=areas-apply-ml]').click();
    await p.locator('[data-testid=areas-tab-huff]').waitFor();
    expect(Number(await p.locator('[data-testid=areas-gamma]').inputValue())).toBe(mlGamma);
    expect(await p.locator('[data-testid=areas-applied]').innerText()).toMatch(/Maximum de vraisemblance/);
  });

  it('adds a candidate site by clicking the map: captured from competitors vs cannibalised from own stores; the scenario is saved', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-tab-button-whatif]').click();
    await p.locator('[data-testid=areas-add-candidate]').click();
    await page.locator('[data-testid=tool-status][data-tool=click-point]').waitFor();
    await session.clickMap(CANDIDATE);
    await expect.poll(() => p.locator('[data-testid=areas-changes] li').allInnerTexts()).toEqual([expect.stringMatching(/^Site candidat 1/)]);
    expect(await page.locator('[data-testid=tool-status]').count()).toBe(0); // one click, the tool ends
    await p.locator('[data-testid=areas-compute-whatif]').click();
    const table = p.locator('[data-testid=areas-whatif-table]');
    await table.waitFor({ timeout: 20_000 });
    const added = table.locator('tr[data-change=add]');
    const [base, after, captured, cannibalised] = (await added.locator('td').allInnerTexts()).map(frenchNumber);
    expect(base).toBe(0);
    expect(after).toBeGreaterThan(0);
    expect(Math.abs(captured + cannibalised - after)).toBeLessThanOrEqual(2); // rounded to units on screen
    expect(cannibalised).toBeGreaterThan(0); // next to the own central store
    await p.locator('[data-testid=areas-scenario-name]').fill('Ouverture Le Pecq');
    await p.locator('[data-testid=areas-save-scenario]').click();
    await expect.poll(() => p.locator('[data-testid=areas-scenarios] summary').innerText()).toMatch(/\(1\)/);
    await shoot(page, '3-what-if', '[data-testid=areas-whatif-table]');
  });

  it('moves a store by clicking its new place on the map; the move is computed and saved as a second scenario', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-changes] li button').first().click(); // the candidate of the previous scenario
    await expect.poll(() => p.locator('[data-testid=areas-changes] li').allInnerTexts()).toEqual([expect.stringMatching(/^Aucun changement/)]);
    await p.locator('[data-testid=areas-change-store]').selectOption({ label: 'Magasin Achères' });
    await p.locator('[data-testid=areas-move]').click();
    await page.locator('[data-testid=tool-status][data-tool=click-point]').waitFor();
    expect(await page.locator('[data-testid=tool-status]').innerText()).toMatch(/nouvel emplacement de Magasin Achères/);
    await session.jumpTo(MOVE_TO, 12.5); // the new place in the middle of the map, clear of the panel (jumpTo is synchronous)
    await session.clickMap(MOVE_TO);
    await expect.poll(() => p.locator('[data-testid=areas-changes] li').allInnerTexts()).toEqual([expect.stringMatching(/^Déplacer Magasin Achères \(2\.08\d+ ; 48\.89\d+\)/)]);
    // On the map: the old place hollow grey (in the legend), a line to the new one.
    await expect.poll(() => p.locator('[data-testid=areas-legend]').innerText()).toMatch(/Ancien emplacement \(déplacé\)/);
    const response = page.waitForResponse((r) => r.url().endsWith('/api/areas/what-if'));
    await p.locator('[data-testid=areas-compute-whatif]').click();
    const res = await response;
    const change = (res.request().postDataJSON() as Json).changes[0];
    expect(change.action).toBe('move');
    expect(change.key).toBe('E2E-P2');
    for (const [i, v] of MOVE_TO.entries()) expect(Math.abs(change.at[i] - v)).toBeLessThan(1e-3); // a pixel of the click
    const body = (await res.json()) as Json;
    const moved = p.locator('[data-testid=areas-whatif-table] tr[data-change=move]');
    await moved.waitFor({ timeout: 20_000 });
    expect(await moved.locator('th').innerText()).toMatch(/Magasin Achères · déplacement/);
    expect(body.stores.find((r: Json) => r.key === 'E2E-P2').change).toBe('move');
    await p.locator('[data-testid=areas-scenario-name]').fill('Déplacement Achères');
    await p.locator('[data-testid=areas-save-scenario]').click();
    await expect.poll(() => p.locator('[data-testid=areas-scenarios] summary').innerText()).toMatch(/\(2\)/);
    await session.jumpTo([2.075, 48.93], 12); // the old place (hollow, Achères) and the new one, a line between them
    await shoot(page, '3a-move', '[data-testid=areas-whatif-table]');
  }, 180_000);

  it('compares the two saved scenarios side by side: own network before → after, captured, cannibalised, per store', async () => {
    const { page } = session;
    const p = panel();
    const { scenarios } = (await (await fetch(`${session.server.url}/api/areas/scenarios`)).json()) as Json;
    const byName = new Map<string, Json>(scenarios.map((s: Json) => [s.name, s]));
    await p.locator('[data-testid=areas-scenarios] summary').click();
    for (const name of ['Ouverture Le Pecq', 'Déplacement Achères']) await p.getByRole('checkbox', { name: `Comparer ${name}` }).check();
    await expect.poll(() => p.locator('[data-testid=areas-compare-below]').count()).toBe(1);
    const table = page.locator('[data-testid=areas-compare-drawer] [data-testid=areas-compare-table]'); // in the map's bottom drawer
    await table.waitFor({ timeout: 10_000 });
    const heads = await table.locator('thead th.scenario').allInnerTexts();
    expect(heads).toEqual(['Ouverture Le Pecq', 'Déplacement Achères']);
    // the figures are the saved summaries, in French digit grouping; captured = the own stores' gains from competitors
    const figure = async (id: string) => (await table.locator(`tr[data-figure=${id}] td`).allInnerTexts()).map(frenchNumber);
    const before = await figure('own-base'), after = await figure('own-after'), delta = await figure('own-delta'), captured = await figure('captured');
    heads.forEach((name, i) => {
      const summary = byName.get(name).summary;
      expect(before[i]).toBe(Math.round(summary.ownNetworkBase));
      expect(after[i]).toBe(Math.round(summary.ownNetworkNew));
      expect(Math.abs(delta[i] - summary.ownNetworkDelta)).toBeLessThanOrEqual(1);
      const ownCaptured = summary.changedRows.filter((r: Json) => r.role === 'own').reduce((a: number, r: Json) => a + r.capturedFromCompetitors, 0);
      expect(Math.abs(captured[i] - ownCaptured)).toBeLessThanOrEqual(1);
    });
    expect((await figure('cannibalised'))[0]).toBeGreaterThan(0); // the candidate next to the own central store
    // per store: the candidate opens in the first, Achères moves in the second
    const candidate = table.locator('tr[data-store=candidat-1] td');
    expect(await candidate.nth(0).innerText()).toMatch(/ouverture/);
    expect(await table.locator('tr[data-store=E2E-P2] td').nth(1).innerText()).toMatch(/déplacement/);
    expect(await page.locator('[data-testid=areas-compare] [data-testid=areas-label-modelled]').innerText()).toBe('modélisé');
    await shoot(page, '3b-compare', '[data-testid=areas-compare]');
    await page.locator('[data-testid=areas-compare-drawer]').getByRole('button', { name: 'Fermer la comparaison des scénarios' }).click();
    await expect.poll(() => page.locator('[data-testid=areas-compare-drawer]').count()).toBe(0);
  });

  it('drive-time (exclusive) and customer-derived areas: a table per store, the communes coloured', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-tab-button-drive]').click();
    await p.getByRole('radio', { name: /Exclusives/ }).click();
    await p.locator('[data-testid=areas-compute-drive]').click();
    const drive = p.locator('[data-testid=areas-drive-result]');
    await drive.waitFor({ timeout: 20_000 });
    const communeCounts = (await drive.locator('tbody tr td:nth-of-type(1)').allInnerTexts()).map(frenchNumber);
    expect(communeCounts).toHaveLength(4);
    const s = await state();
    expect(s.values.indicatorId).toBe('areas:drive-time');
    // exclusive: each reachable commune in exactly one store's area
    expect(communeCounts.reduce((a, b) => a + b, 0)).toBe(s.areas.results.drive.communes.storeKey.filter((k: string | null) => k !== null).length);
    await shoot(page, '5-drive-time', '[data-testid=areas-drive-result]');
    await p.locator('[data-testid=areas-tab-button-customer]').click();
    await p.locator('[data-testid=areas-compute-customer]').click();
    const customer = p.locator('[data-testid=areas-customer-result]');
    await customer.waitFor({ timeout: 20_000 });
    expect((await customer.locator('thead th').allInnerTexts()).slice(1, 4).map((t) => t.replace(/[\u202f\u00a0]/g, ' ').trim())).toEqual(['50 %', '70 %', '80 %']);
    // the 80 % area holds at least as many communes as the 50 % one, for every store
    for (const row of await customer.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))) {
      expect(frenchNumber(row[2])).toBeGreaterThanOrEqual(frenchNumber(row[0]));
    }
    await shoot(page, '6-customer', '[data-testid=areas-customer-result]');
  });

  it('saves the Huff areas as zones; the zones list reloads and the saved area’s profile opens', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-tab-button-huff]').click();
    await p.locator('[data-testid=areas-save]').click();
    await p.locator('[data-testid=areas-save-name]').fill('Réseau e2e');
    // the own network as a whole (default), or one store's contours
    const options = await p.locator('[data-testid=areas-save-store] option').allInnerTexts();
    expect(options[0]).toBe('Réseau propre (ensemble)');
    expect(options.slice(1).sort()).toEqual(STORES.map((x) => x.nom).sort());
    if (SCREENSHOTS) await p.locator('[data-testid=areas-huff-result]').screenshot({ path: join(ARTIFACTS_DIR, 'areas-4-save-form-1440x900.png') });
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/areas/huff') && r.request().method() === 'POST');
    await p.locator('[data-testid=areas-save-name]').press('Enter');
    const body = (await (await saved).json()) as Json;
    expect(body.saved.zones.length).toBeGreaterThanOrEqual(1);
    const list = p.locator('[data-testid=areas-saved]');
    await list.waitFor({ timeout: 20_000 });
    const names = await list.locator('li').allInnerTexts();
    expect(names[0]).toMatch(/^Réseau e2e/);
    // the Zones panel lists them (kind « Zone de chalandise »)
    await expect.poll(() => page.locator('[data-testid=zone-list]').innerText()).toMatch(/Réseau e2e[\s\S]*Zone de chalandise/);
    await list.locator('[data-testid=areas-saved-profile]').first().click();
    const profile = page.locator('[data-testid=zone-profile]');
    await profile.locator('[data-testid=zone-figures]').waitFor({ timeout: 30_000 });
    expect(await profile.innerText()).toMatch(/Réseau e2e/);
    await shootOnce(page, 'areas-4-profile-1440x900');
    expect(session.errors).toEqual([]);
  });

  it('switches a store’s role by hand in a filtered list: sent as `roles`, the Huff result follows', async () => {
    const { page } = session;
    const p = panel();
    const roles = p.locator('[data-testid=areas-roles]');
    await roles.locator('summary').click();
    expect(await roles.locator('[data-testid=areas-roles-list] li').count()).toBe(4);
    await roles.locator('[data-testid=areas-roles-filter]').fill('poissy');
    const item = roles.locator('[data-testid=areas-roles-list] li');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-role')).toBe('competitor');
    await item.locator('[data-testid=areas-role-own]').click();
    await expect.poll(() => item.getAttribute('data-role')).toBe('own');
    expect(await p.locator('[data-testid=areas-store-count]').innerText()).toBe('4 points dont 3 propres');
    await p.locator('[data-testid=areas-tab-button-huff]').click();
    const response = page.waitForResponse((r) => r.url().endsWith('/api/areas/huff'));
    await p.locator('[data-testid=areas-compute-huff]').click();
    const res = await response;
    expect((res.request().postDataJSON() as Json).stores.roles).toEqual({ 'E2E-C1': 'own' });
    const body = (await res.json()) as Json;
    expect(body.stores.find((r: Json) => r.key === 'E2E-C1').role).toBe('own');
    await p.locator('[data-testid=areas-huff-result]').waitFor();
    await roles.locator('[data-testid=areas-roles-filter]').fill('');
    await shoot(page, '7-roles', '[data-testid=areas-roles]');
    await roles.getByRole('button', { name: 'Tout remettre selon la règle' }).click();
    expect(await p.locator('[data-testid=areas-store-count]').innerText()).toBe('4 points dont 2 propres');
  });

  it('takes FINESS health sites as points of sale, filtered by category and département', async () => {
    const { page } = session;
    const p = panel();
    await p.locator('[data-testid=areas-store-layer]').selectOption({ label: 'Établissements de santé (FINESS)' });
    await p.locator('[data-testid=areas-finess-departements]').fill('78');
    await p.locator('[data-testid=areas-finess-categories]').getByRole('checkbox', { name: 'Centre Hospitalier (C.H.)' }).check();
    // the sites are listed with the source, before any result: one can be switched by hand already
    const roles = p.locator('[data-testid=areas-roles]');
    await roles.locator('summary').click();
    await roles.locator('[data-testid=areas-roles-filter]').fill('st germain');
    const site780 = roles.locator('[data-testid=areas-roles-list] li[data-key="780000337"]');
    await expect.poll(() => site780.count(), { timeout: 10_000 }).toBe(1);
    await site780.locator('[data-testid=areas-role-competitor]').click();
    await shoot(page, '8-finess-roles', '[data-testid=areas-roles]');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/areas/huff'));
    await p.locator('[data-testid=areas-compute-huff]').click();
    const res = await response;
    expect((res.request().postDataJSON() as Json).stores).toEqual({ sources: [{ finess: { categories: ['Centre Hospitalier (C.H.)'], departements: ['78'] }, role: 'own' }], roles: { 780000337: 'competitor' } });
    const body = (await res.json()) as Json;
    expect(res.status(), JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.stores.every((s: Json) => s.layerId === 'finess')).toBe(true);
    const site = body.stores.find((s: Json) => s.key === '780000337'); // the Saint-Germain site of the intercommunal hospital
    expect(site.offNetworkReason ?? null).toBeNull();
    expect(site.role).toBe('competitor');
    await p.locator('[data-testid=areas-huff-result]').waitFor({ timeout: 20_000 });
    expect(session.errors).toEqual([]);
  });
});
