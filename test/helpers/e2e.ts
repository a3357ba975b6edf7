import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startTestServer, type TestServer } from './server.js';
import { ROOT } from './template.js';

/** Where browser tests write their screenshots (git-ignored). */
export const ARTIFACTS_DIR = join(ROOT, 'test/e2e/artifacts');

type MapHandle = { isMoving(): boolean; loaded(): boolean; project(p: [number, number]): { x: number; y: number }; jumpTo(o: unknown): void };

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  page: Page;
  /** Page errors and console errors (failed resource loads aside): a test ends with `expect(errors).toEqual([])`. */
  errors: string[];
  /** Resolves once the map has loaded and stopped moving. */
  waitForMapIdle(): Promise<void>;
  /** Moves the camera at once (the app's MapLibre map is exposed as window.__maillageMap). */
  jumpTo(center: [number, number], zoom: number): Promise<void>;
  /**
   * The workspace state's named top-level parts (window.__maillageState()), picked in the page: the whole state holds the
   * layers' rows and the commune labels (~10 MB), whose transfer alone took ~10 s a call.
   */
  state(...keys: string[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Clicks the map canvas at a WGS84 point. */
  clickMap(lonLat: [number, number]): Promise<void>;
  close(): Promise<void>;
}

/** The real production server over a private copy of the seeded database, and one Chromium page on it. */
export async function openBrowserSession(env: Record<string, string> = {}): Promise<BrowserSession> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const server = await startTestServer(env);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
  return {
    server, browser, page, errors,
    async waitForMapIdle() {
      await page.waitForFunction(() => {
        const m = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
        return !!m && m.loaded() && !m.isMoving();
      }, undefined, { timeout: 30_000 });
    },
    async jumpTo(center, zoom) {
      // the map component loads after the panels: wait for the map itself, not for the page
      await page.waitForFunction(() => !!(window as unknown as { __maillageMap?: unknown }).__maillageMap, undefined, { timeout: 60_000 });
      // a block, not an expression: jumpTo returns the map, which Playwright would serialize back (10–20 s)
      await page.evaluate(([c, z]) => { (window as unknown as { __maillageMap: MapHandle }).__maillageMap.jumpTo({ center: c, zoom: z }); }, [center, zoom] as const);
    },
    state(...keys) {
      return page.evaluate((ks) => {
        const all = (window as unknown as { __maillageState: () => Record<string, unknown> }).__maillageState();
        return Object.fromEntries(ks.map((k) => [k, all[k]]));
      }, keys);
    },
    async clickMap(lonLat) {
      const box = (await page.locator('.map canvas').first().boundingBox())!;
      const p = await page.evaluate((ll) => (window as unknown as { __maillageMap: MapHandle }).__maillageMap.project(ll), lonLat);
      await page.mouse.click(box.x + p.x, box.y + p.y);
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/** A number as the app prints it in French (« 12 345,6 », « 45 % »): spaces, narrow spaces and % dropped, decimal comma. */
export const frenchNumber = (t: string | null) => Number((t ?? '').replace(/[\s\u202f\u00a0]/g, '').replace('%', '').replace(',', '.'));

/**
 * Journey screenshots are for the developer who looks at the screens (`MAILLAGE_SCREENSHOTS=1 npx vitest run test/e2e/…`):
 * off by default, as each one waits for the map to be idle and redraws it at two sizes (5–15 s a step in software GL on
 * a loaded 2-core CI machine, where nobody opens them).
 */
export const SCREENSHOTS = process.env.MAILLAGE_SCREENSHOTS === '1';

/** When screenshots are on: the map idle first (on a loaded machine it may still draw; the picture is taken all the same). */
async function settle(page: Page) {
  await page
    .waitForFunction(() => {
      const m = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
      return !!m && m.loaded() && !m.isMoving();
    }, undefined, { timeout: 30_000 })
    .catch(() => console.warn('map not idle before the screenshot'));
}

/** One screenshot `<file>.png` of the page as it is, when screenshots are on. */
export async function shootOnce(page: Page, file: string) {
  if (!SCREENSHOTS) return;
  await settle(page);
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${file}.png`), timeout: 90_000 });
}

/**
 * When screenshots are on: `<prefix>-<name>-<w>x<h>.png` at 1440×900 and 390×844 with `target` (a result) in view; on
 * the phone the legend is folded, as it starts there. Back at 1440×900 after; `reopenLegend` unfolds the legend again.
 */
export async function shootBothSizes(page: Page, prefix: string, name: string, target: string, opts: { reopenLegend?: boolean } = {}) {
  if (!SCREENSHOTS) return;
  await settle(page);
  const toast = page.locator('.toast .icon');
  if (await toast.count()) await toast.first().click();
  const legendToggle = page.locator('[data-testid=legend-toggle]');
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const legendOpen = (await legendToggle.getAttribute('aria-expanded')) === 'true';
    if (legendOpen !== (width > 760)) await legendToggle.click();
    await page.locator(target).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  if (opts.reopenLegend && (await legendToggle.getAttribute('aria-expanded')) !== 'true') await legendToggle.click();
}
