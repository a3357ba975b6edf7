import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, SCREENSHOTS, frenchNumber, openBrowserSession, shootBothSizes, type BrowserSession } from '../helpers/e2e.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';

// The Monaco road fixture (real OSM drive network) reaches five communes of the Alpes-Maritimes, as in
// test/api/sectors.test.ts: Roquebrune-Cap-Martin 06104, Beausoleil 06012, La Turbie 06150 (sector E), Cap-d'Ail 06032,
// Èze 06059 (sector W). Workload here is the population (the default); the imported plan has no bases, so the
// optimiser places them (p-median) — the form checks that option by itself.
const MAP_VIEW: [number, number] = [7.39, 43.74];
const BAD_CSV = 'commune;secteur\n06104;Est\n99999;Est\n06012;Est\n06012;Ouest\n06032;\n';
const GOOD_CSV = '\ufeffcommune;secteur;commercial\n06104;E;Alice\n06012;E;Alice\n06150;E;Alice\n06032;W;Bruno\n06059;W;Bruno\n';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Each step < 30 s; screenshots (MAILLAGE_SCREENSHOTS=1) redraw the map at two sizes, 5–15 s each. */
const LIMIT_MS = SCREENSHOTS ? 120_000 : 30_000;
const shoot = (page: Page, name: string, target: string) => shootBothSizes(page, 'sectors', name, target, { reopenLegend: true });

(browserSkipReason ? describe.skip : describe)(`sales sectors in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-sectors-'));
  let planId = '';

  beforeAll(async () => {
    const graphFile = writeFixtureGraph(dir, 'monaco');
    session = await openBrowserSession({ MAILLAGE_ROAD_GRAPH: graphFile });
    // the app loaded once here (its first paint is not this feature's time): map, then the panel with no plan
    const { page } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(session.server.url);
    await page.locator('[data-testid=map] canvas').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !!(window as unknown as { __maillageMap?: unknown }).__maillageMap, undefined, { timeout: 60_000 });
    await session.jumpTo(MAP_VIEW, 11.5);
    await page.locator('[data-testid=sectors-panel] [data-testid=sectors-no-plan]').waitFor({ timeout: 60_000 });
  }, 240_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') console.log(session?.server.output().slice(-3000));
    if (ctx.task.result?.state === 'fail') await session?.page.screenshot({ path: join(ARTIFACTS_DIR, `sectors-failure-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => session.page.locator('[data-testid=sectors-panel]');
  const upload = (name: string, text: string) => panel().locator('[data-testid=sectors-import-file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const isImport = (r: { url(): string }) => r.url().endsWith('/api/sectors/plans/import');

  it('refuses a CSV plan with unknown and duplicate communes: the row report in French, nothing stored', async () => {
    const { page } = session;
    const p = panel();
    await p.scrollIntoViewIfNeeded();
    // unknown and duplicate communes, an empty sector: the rows in French, nothing stored
    const response = page.waitForResponse(isImport);
    await upload('plan-casse.csv', BAD_CSV);
    expect((await response).status()).toBe(422);
    const report = p.locator('[data-testid=sectors-import-report]');
    await report.waitFor();
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^3\s+commune\s+99999\s+.*inconnue/);
    expect(rows[1]).toMatch(/déjà affectée à la ligne 4/);
    await shoot(page, '0-report', '[data-testid=sectors-import-report]');
    expect(await p.locator('[data-testid=sectors-no-plan]').count()).toBe(1);
  }, LIMIT_MS);

  it('imports a CSV plan: its KPIs per sector in French, the plan balance, the communes coloured by sector', async () => {
    const { page } = session;
    const p = panel();
    const response = page.waitForResponse(isImport);
    await upload('Plan Riviera.csv', GOOD_CSV);
    const res = await response;
    const body = (await res.json()) as Json;
    expect(res.status(), JSON.stringify(body).slice(0, 400)).toBe(201);
    planId = body.plan.id;
    await p.locator('[data-testid=sectors-shown][data-version="1"]').waitFor();
    expect(await p.locator('[data-testid=sectors-import-report]').count()).toBe(0);
    expect(await p.locator('[data-testid=sectors-plan] option:checked').innerText()).toMatch(/^Plan Riviera/);
    const kpis = p.locator('[data-testid=sectors-kpis]');
    expect((await kpis.locator('tbody th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['E Alice', 'W Bruno']);
    // the workload is the population (the default): one column for both
    expect(await kpis.locator('thead th').allInnerTexts()).toEqual(['Secteur', 'Communes', 'Charge', 'Temps moy. / max', 'Contiguïté']);
    const cells = (i: number) => kpis.locator('tbody tr').nth(i).locator('td').allInnerTexts();
    const e = await cells(0);
    expect(e[0]).toBe('3');
    expect(frenchNumber(e[1])).toBe(body.kpis.sectors[0].populationCount);
    expect(e[1]).toMatch(/^\d{2}[\s\u202f\u00a0]\d{3}$/); // « 27 018 »: French thousands
    expect(e[2]).toBe('sans base'); // no base yet: no drive time
    expect(e[3].replace(/\s+/g, ' ')).toBe('1 morceau');
    expect(await p.locator('[data-testid=sectors-max-deviation]').innerText()).toMatch(/^\d+,\d %$/);
    // the map: each commune of the plan coloured by its sector, the legend names the sectors
    const s = await session.state('values');
    expect(s.values.indicatorId).toBe('sectors:plan');
    const coloured = (v: Json) => Object.fromEntries(v.codes.flatMap((c: string, i: number) => (v.values[i] === null ? [] : [[c, v.values[i]]])));
    expect(coloured(s.values)).toEqual({ '06104': 0, '06012': 0, '06150': 0, '06032': 1, '06059': 1 });
    expect(s.values.codes.length).toBeGreaterThan(30_000); // the other communes: no value (not the previous indicator's colours)
    expect(s.values.palette.length).toBeGreaterThanOrEqual(2);
    const legend = page.locator('[data-testid=legend-dock]');
    await expect.poll(() => legend.innerText()).toMatch(/E[\s\S]*W/);
    // no bases in the file: the optimiser will place them
    expect(await p.locator('[data-testid=sectors-choose-bases]').isChecked()).toBe(true);
    await shoot(page, '1-kpis', '[data-testid=sectors-kpis]');
  }, LIMIT_MS);

  it('optimises at ± 10 % (contiguity): infeasible, the tightest tolerance proposed and used → a new « calculé » version, what moved, the gap', async () => {
    const { page } = session;
    const p = panel();
    expect(await p.locator('[data-testid=sectors-tolerance]').inputValue()).toBe('10');
    expect(await p.locator('[data-testid=sectors-contiguity-option]').isChecked()).toBe(true);
    const started = page.waitForResponse((r) => r.url().endsWith(`/api/sectors/plans/${planId}/optimise`));
    const finished = page.waitForResponse(async (r) => r.url().includes('/api/sectors/optimisations/') && (r.status() !== 200 || (await r.json()).status !== 'running'), { timeout: 25_000 });
    await p.locator('[data-testid=sectors-optimise-run]').click();
    const start = await started;
    expect(start.status()).toBe(202);
    expect(start.request().postDataJSON()).toMatchObject({ fromVersion: 1, toleranceRatio: 0.1, contiguity: true, minimalDisruption: false, chooseBases: true });
    let end = await finished;
    let run = (await end.json()) as Json;
    // population is lumpy here (27 018 / 6 626 over five communes): no contiguous plan is within ± 10 %; the tightest
    // tolerance is said and offered, and it works
    expect(end.status()).toBe(422);
    expect(run.error.code).toBe('INFEASIBLE_BALANCE');
    const tightest = run.error.details.tightestToleranceRatio;
    expect(tightest).toBeGreaterThan(0.1);
    await p.locator('[data-testid=sectors-infeasible]').waitFor();
    expect(await p.locator('[data-testid=sectors-infeasible] p').innerText()).toBe(run.error.message);
    const use = p.locator('[data-testid=sectors-use-tightest]');
    expect(frenchNumber((await use.innerText()).replace('Utiliser ±', ''))).toBeCloseTo(Math.ceil(tightest * 1000) / 10, 5);
    await shoot(page, '2-infeasible', '[data-testid=sectors-infeasible]');
    const restarted = page.waitForResponse((r) => r.url().endsWith(`/api/sectors/plans/${planId}/optimise`));
    const again = page.waitForResponse(async (r) => r.url().includes('/api/sectors/optimisations/') && (r.status() !== 200 || (await r.json()).status !== 'running'), { timeout: 25_000 });
    await use.click();
    expect((await restarted).request().postDataJSON().toleranceRatio).toBeGreaterThanOrEqual(tightest);
    end = await again;
    run = await end.json();
    expect(end.status(), JSON.stringify(run).slice(0, 400)).toBe(200);
    expect(run.status).toBe('done');
    const v = run.result.version;
    await p.locator(`[data-testid=sectors-shown][data-version="${v}"]`).waitFor();
    const outcome = p.locator('[data-testid=sectors-outcome]');
    expect(await outcome.innerText()).toContain(`Version ${v} calculée`);
    expect(await p.locator('[data-testid=sectors-label-computed]').innerText()).toBe('calculé');
    const moved = await outcome.locator('[data-testid=sectors-moved]').innerText();
    expect(moved).toBe(run.result.moved.length === 0 ? 'Aucune commune déplacée' : `${run.result.moved.length} commune${run.result.moved.length > 1 ? 's déplacées' : ' déplacée'}`);
    expect(await outcome.locator('[data-testid=sectors-gap]').innerText()).toMatch(/^Écart à l’optimum : /);
    // every sector in one piece, the map follows the new version
    expect((await p.locator('[data-testid=sectors-contiguity]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['1 morceau', '1 morceau']);
    expect(await p.locator('[data-testid=sectors-kpis] tbody tr td:nth-child(4)').first().innerText()).toMatch(/^\d+ \/ \d+ min$/);
    const s = await session.state('values');
    const sectorOf = Object.fromEntries(run.result.plan.assignments.map((a: Json) => [a.communeCode, a.sectorKey === 'E' ? 0 : 1]));
    expect(Object.fromEntries(s.values.codes.flatMap((c: string, i: number) => (s.values.values[i] === null ? [] : [[c, s.values.values[i]]])))).toEqual(sectorOf);
    await shoot(page, '3-optimised', '[data-testid=sectors-outcome]');
  }, LIMIT_MS);

  it('compares the new version with v1 (moved communes, KPIs before → after) and exports its CSV (BOM)', async () => {
    const { page } = session;
    const p = panel();
    const v = Number(await p.locator('[data-testid=sectors-shown]').getAttribute('data-version'));
    await p.locator('[data-testid=sectors-compare-with]').selectOption('1');
    const response = page.waitForResponse((r) => r.url().includes(`/api/sectors/plans/${planId}/compare`));
    await p.locator('[data-testid=sectors-compare-run]').click();
    const res = await response;
    const body = (await res.json()) as Json;
    expect(res.status()).toBe(200);
    expect([body.versionA, body.versionB]).toEqual([1, v]);
    const result = p.locator('[data-testid=sectors-compare-result]');
    await result.waitFor();
    expect(await result.locator('[data-testid=sectors-compare-moved]').innerText()).toMatch(body.movedCount === 0 ? /^Aucune commune/ : new RegExp(`^${body.movedCount} commune`));
    const rows = await result.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^E\s+3 → \d/);
    await shoot(page, '4-compare', '[data-testid=sectors-compare-result]');
    // the export link: the shown version's CSV, UTF-8 with a BOM, « calculé » in its provenance
    const href = await p.locator('[data-testid=sectors-export]').getAttribute('href');
    expect(href).toContain(`version=${v}`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('calculé');
    expect(text).toContain('Code commune;Commune;Code secteur;Secteur;Commercial;Commune verrouillée');
    expect(session.errors).toEqual([]);
  }, LIMIT_MS);
});
