import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSkipReason } from '../helpers/browser.js';
import { ARTIFACTS_DIR, openBrowserSession, type BrowserSession } from '../helpers/e2e.js';
import { POINT_OTHER_COLOR, POINT_PALETTE } from '../../web/src/lib/palette.js';

/** Two FINESS sites at one address (CH Fleyriat and the rehabilitation centre on its site, Bourg-en-Bresse). */
const FLEYRIAT: [number, number] = [5.20879, 46.2222];
const RENNES: [number, number] = [-1.68, 48.11];
const SLOW = 300_000;

type DeckLayer = { id: string; props: { data: unknown; getLineColor?: unknown; getFillColor?: unknown } };
type Win = { __maillageDeckLayers?: DeckLayer[]; __maillageMap: { project(p: [number, number]): { x: number; y: number } } };

/** Ids of the deck.gl layers drawn now (window.__maillageDeckLayers, set by MapView). */
const deckIds = (page: Page) => page.evaluate(() => ((window as unknown as Win).__maillageDeckLayers ?? []).map((l) => l.id));

(browserSkipReason ? describe.skip : describe)(`a readable map in Chromium${browserSkipReason ? ` — ${browserSkipReason}` : ''}`, () => {
  let session: BrowserSession;
  let page: Page;
  let errors: string[];
  let demoId: string;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ page, errors } = session);
    await page.setViewportSize({ width: 1440, height: 900 });
    page.setDefaultTimeout(90_000); // a loaded CI machine: waits on app state, with room
  });
  afterAll(async () => void (await session?.close()));

  it("speaks French in MapLibre's controls", async () => {
    await page.goto(session.server.url, { timeout: 120_000 });
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    await zoomIn.waitFor();
    expect(await zoomIn.getAttribute('title')).toBe('Zoom avant');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('aria-label')).toBe('Zoom arrière');
    await page.locator('.maplibregl-ctrl-attrib-button').waitFor({ state: 'attached' });
    expect(await page.locator('.maplibregl-ctrl-attrib-button').getAttribute('title')).toBe("Afficher l'attribution");
  }, SLOW);

  it('keeps accounts visible over a choropleth: halo and outline, own palette, category legend from zoom 8, filter by value', async () => {
    const item = page.locator('[data-testid=layer-item]', { hasText: 'Démo CRM' });
    await item.waitFor({ timeout: 60_000 });
    demoId = await page.evaluate(async () => (await (await fetch('/api/layers')).json()).layers.find((l: { synthetic: boolean }) => l.synthetic).id);
    await item.getByRole('button', { name: 'Colorer les communes' }).click();
    await page.locator('[data-testid=legend] .legend-title', { hasText: 'Nombre de lignes' }).waitFor();
    expect(await page.locator('[data-testid=points-legend]').count()).toBe(0); // zoomed out: hexagons, explained by their own legend
    await session.jumpTo(RENNES, 11);
    await session.waitForMapIdle();
    await page.waitForFunction((id) => ((window as unknown as Win).__maillageDeckLayers ?? []).some((l) => l.id === `layer-${id}-points`), demoId);
    const ids = await deckIds(page);
    expect(ids.indexOf(`layer-${demoId}-halo`)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(`layer-${demoId}-halo`)).toBeLessThan(ids.indexOf(`layer-${demoId}-points`));
    const drawn = await page.evaluate((id) => {
      const layer = (window as unknown as Win).__maillageDeckLayers!.find((l) => l.id === `layer-${id}-points`)!;
      const data = layer.props.data as unknown[];
      const fill = layer.props.getFillColor as (f: unknown) => number[];
      return { count: data.length, line: layer.props.getLineColor as number[], fills: data.slice(0, 300).map((f) => fill(f).slice(0, 3).join()) };
    }, demoId);
    expect(Math.max(...drawn.line.slice(0, 3))).toBeLessThan(60); // dark outline
    const allowed = new Set([...POINT_PALETTE, POINT_OTHER_COLOR].map((c) => c.join()));
    expect(drawn.fills.filter((c) => !allowed.has(c))).toEqual([]);
    // the category legend, in French, with a swatch per value
    const legend = page.locator('[data-testid=points-legend]');
    await legend.waitFor();
    expect(await legend.innerText()).toMatch(/Points des couches[\s\S]*Colorer les points par/);
    expect(await legend.locator('.legend-value').count()).toBeGreaterThan(1);
    // colour by another field, then filter one value out
    await legend.getByRole('combobox').selectOption({ label: 'Segment' });
    const first = legend.locator('.legend-value').first();
    const firstLabel = (await first.innerText()).replace(/\s[\d\s]+$/, '').trim();
    await first.click();
    expect(await first.getAttribute('aria-pressed')).toBe('false');
    await page.waitForFunction(
      ([id, n]) => ((window as unknown as Win).__maillageDeckLayers ?? []).some((l) => l.id === `layer-${id}-points` && (l.props.data as unknown[]).length < (n as number)),
      [demoId, drawn.count] as const,
    );
    expect(firstLabel.length).toBeGreaterThan(0);
    await first.click(); // shown again
    await page.waitForTimeout(300); // deck.gl redraw
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'map-choropleth-points.png') });
    expect(errors).toEqual([]);
  }, SLOW);

  it('opens the account card next to its point, with the commune name and fields in words', async () => {
    // an account with no other within 25 px, so the click is not ambiguous
    const target = await page.evaluate((id) => {
      const w = window as unknown as Win;
      const data = w.__maillageDeckLayers!.find((l) => l.id === `layer-${id}-points`)!.props.data as { lon: number; lat: number; communeCode: string }[];
      const px = data.map((f) => w.__maillageMap.project([f.lon, f.lat]));
      const inView = (p: { x: number; y: number }) => p.x > 420 && p.x < 1000 && p.y > 150 && p.y < 700;
      const i = px.findIndex((p, i) => inView(p) && px.every((q, j) => j === i || Math.hypot(p.x - q.x, p.y - q.y) > 25));
      return { lon: data[i].lon, lat: data[i].lat, communeCode: data[i].communeCode };
    }, demoId);
    const commune = await page.evaluate(async (code) => (await (await fetch(`/api/communes/${code}`)).json()).name as string, target.communeCode);
    await session.clickMap([target.lon, target.lat]);
    const card = page.locator('.maplibregl-popup [data-testid=account-card]');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(`${commune} (${target.communeCode})`);
    expect(text).toContain('CA (€)');
    expect(text).not.toMatch(/ca_eur|caEur/);
    // anchored: the popup's tip sits at the point
    const tip = (await page.locator('.maplibregl-popup-tip').boundingBox())!;
    const mapBox = (await page.locator('.map canvas').first().boundingBox())!;
    const at = await page.evaluate((ll) => (window as unknown as Win).__maillageMap.project(ll), [target.lon, target.lat] as [number, number]);
    expect(Math.hypot(tip.x + tip.width / 2 - (mapBox.x + at.x), tip.y + tip.height / 2 - (mapBox.y + at.y))).toBeLessThan(30);
    await page.locator('.maplibregl-popup button', { hasText: 'Fermer' }).click();
    await card.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, SLOW);

  it('asks which site when several stand at the clicked spot, and opens the one chosen', async () => {
    await page.locator('[data-testid=layer-item]', { hasText: 'Démo CRM' }).locator('input[type=checkbox]').click(); // accounts hidden: only sites here
    await page.waitForFunction(() => !(document.querySelector('[aria-label^="Afficher Démo CRM"]') as HTMLInputElement).checked);
    await page.locator('[data-testid=health-toggle]').click();
    await page.locator('[data-testid=health-panel]', { hasText: /5\s368 sites/ }).waitFor({ timeout: 60_000 });
    await session.jumpTo(FLEYRIAT, 14);
    await session.waitForMapIdle();
    await session.clickMap(FLEYRIAT);
    const chooser = page.locator('[data-testid=map-chooser]');
    await chooser.waitFor();
    expect(await chooser.innerText()).toMatch(/2 objets à cet endroit/i);
    const names = await chooser.locator('li button').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(['CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT', "CRF L'ORCET SITE DU CH DE FLEYRIAT"]));
    expect(await page.locator('[data-testid=health-actor-sheet]').count()).toBe(0); // nothing opened behind the user's back
    await chooser.locator('button', { hasText: "CRF L'ORCET" }).click();
    await page.locator('[data-testid=health-actor-sheet] h2', { hasText: "CRF L'ORCET" }).waitFor();
    await chooser.waitFor({ state: 'detached' });
    // open again for the screenshots, over the commune choropleth
    await session.clickMap(FLEYRIAT);
    await chooser.waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'map-chooser-desktop.png') });
    await page.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, SLOW);

  it('draws PMSI codes géo apart from commune borders, in the legend, and reloads them when the map moves', async () => {
    await page.locator('[data-testid=health-zones-toggle]').click(); // controlled: checked once the outlines are loaded
    await page.waitForFunction(() => ((window as unknown as Win).__maillageDeckLayers ?? []).some((l) => l.id === 'health-pmsi-zones'));
    const ids = await deckIds(page);
    expect(ids).toContain('health-pmsi-zones-casing');
    const zones = () =>
      page.evaluate(() => {
        const l = (window as unknown as Win).__maillageDeckLayers!.find((x) => x.id === 'health-pmsi-zones')!;
        const fc = l.props.data as { features: { properties: Record<string, unknown> }[] };
        return { color: (l.props.getLineColor as number[]).slice(0, 3), keys: fc.features.map((f) => JSON.stringify(f.properties)).sort().join('|') };
      });
    const before = await zones();
    expect(before.color).not.toEqual([255, 255, 255]);
    expect(await page.locator('[data-testid=legend-pmsi]').innerText()).toMatch(/code géographique PMSI/);
    const reload = page.waitForRequest((r) => r.url().includes('/api/health/zones?'));
    await session.jumpTo([4.85, 45.76], 10); // Lyon
    await reload;
    await page.waitForFunction((keys) => {
      const l = ((window as unknown as Win).__maillageDeckLayers ?? []).find((x) => x.id === 'health-pmsi-zones');
      const fc = l?.props.data as { features: { properties: Record<string, unknown> }[] } | undefined;
      return !!fc && fc.features.map((f) => JSON.stringify(f.properties)).sort().join('|') !== keys;
    }, before.keys);
    await page.locator('[data-testid=health-zones-toggle]').click();
    expect(errors).toEqual([]);
  }, SLOW);

  it('phone: the chooser fits the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // the sites ≈ 200 px above and 90 px right of the centre: clear of the bottom sheet and of the legend
    await session.jumpTo([FLEYRIAT[0] - 0.004, FLEYRIAT[1] - 0.006], 14);
    await session.waitForMapIdle();
    await session.clickMap(FLEYRIAT);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'map-chooser-phone.png') });
    const chooser = page.locator('[data-testid=map-chooser]');
    await chooser.waitFor();
    await session.waitForMapIdle(); // the map pans so the chooser fits
    const box = (await page.locator('.maplibregl-popup-content', { has: chooser }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'map-chooser-phone.png') });
    expect(errors).toEqual([]);
  }, SLOW);
});
