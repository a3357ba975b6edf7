/**
 * Map PNG benchmark (issue 13: "map PNG ≤ 3 s"): the production server (`npm start`'s API bundle + web/dist)
 * over a copy of the seeded PGlite template, Chromium at 1440×900, a saved zone opened in the zones sheet, and
 * the « PNG » export timed from the click to the finished download (web/src/lib/export-png.ts: canvas copy,
 * legend, scale, attribution, PNG encoding, export log). Same-run baseline: a plain `page.screenshot()` of the
 * map. Median of 3 after one warm-up; prints figures and ratios, never asserts.
 * Usage: npm run bench:png [-- --data-dir <seeded PGlite dir>] (default: a copy of the newest test template).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { apiEntryArgs, newestMtime } from './api-bundle.mjs';
import { launchChromium, browserSkipReason } from '../test/helpers/browser.js';
import { seededTemplateDir } from './seeded-database.js';

const root = new URL('..', import.meta.url).pathname;
const RUNS = 3;
const LOZERE: [number, number] = [3.5, 44.52];

function templateDir(): string {
  const dir = seededTemplateDir();
  if (!dir) throw new Error('no seeded PGlite template: run one database test first (npx vitest run test/api/territory.test.ts) or pass --data-dir');
  return dir;
}

/** web/dist as `npm start` serves it, rebuilt when older than web/ (the same check as the e2e server helper). */
function ensureWebBuild(): void {
  const index = join(root, 'web/dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(root, 'web'))) return;
  console.log('building web/dist…');
  const res = spawnSync('flock', [join(root, '.tmp', 'web-build.lock'), process.execPath, join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('vite build failed');
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  let out = '';
  const child = spawn(process.execPath, await apiEntryArgs(root), {
    cwd: root, env: { ...process.env, DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir, PORT: '0', MAILLAGE_ROAD_GRAPH: 'none' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready in [\d.]+ s → (http:\/\/localhost:\d+)/.exec(out);
      if (m) clearInterval(timer), resolve(m[1]);
    }, 100);
    child.on('exit', (code) => (clearInterval(timer), reject(new Error(`server exited with ${code}:\n${out}`))));
  });
  return { url, child };
}

type MapHandle = { isMoving(): boolean; loaded(): boolean; areTilesLoaded(): boolean; jumpTo(o: unknown): void };
const mapIdle = (page: Page) =>
  page.waitForFunction(() => {
    const m = (window as unknown as { __maillageMap?: MapHandle }).__maillageMap;
    return !!m && m.loaded() && !m.isMoving() && m.areTilesLoaded();
  }, undefined, { timeout: 60_000 });

async function median(runs: number, fn: () => Promise<void>): Promise<{ medianMs: number; runsMs: number[] }> {
  await fn(); // warm-up
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    runsMs.push(performance.now() - t0);
  }
  return { medianMs: [...runsMs].sort((a, b) => a - b)[Math.floor(runs / 2)], runsMs };
}

if (browserSkipReason) {
  console.log(browserSkipReason);
  process.exit(0);
}
ensureWebBuild();
const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-png-'));
cpSync(templateDir(), dataDir, { recursive: true });
const { url, child } = await startServer(dataDir);
console.log(`server ${url}`);
const browser = await launchChromium();
try {
  // A saved zone to open: the Lozère (152 communes), created through the API as a user would from the panel.
  const res = await fetch(`${url}/api/zones`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Banc PNG Lozère', admin: { level: 'departement', code: '48' } }) });
  if (res.status !== 201) throw new Error(`zone not created: ${res.status} ${await res.text()}`);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(90_000);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const help = page.locator('[data-testid=help]');
  const panel = page.locator('[data-testid=zones-panel]');
  // The zones section may be folded in the rail: open it when its panel is not shown.
  await Promise.race([panel.waitFor(), page.getByRole('button', { name: /^Zones/ }).first().waitFor()]);
  if (await help.isVisible()) await help.getByRole('button', { name: 'Fermer' }).first().click();
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Zones/ }).first().click();
  await panel.locator('.zone-row', { hasText: 'Banc PNG Lozère' }).locator('button.zone-name').click();
  const profile = page.locator('[data-testid=zone-profile]');
  await profile.locator('[data-testid=zone-figures] li').first().waitFor();
  await page.evaluate((c) => (window as unknown as { __maillageMap: MapHandle }).__maillageMap.jumpTo({ center: c, zoom: 8.3 }), LOZERE);
  await mapIdle(page);

  const pngButton = profile.getByRole('button', { name: 'PNG' });
  let bytes = 0;
  let last: Download | undefined;
  const png = await median(RUNS, async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), pngButton.click()]);
    await download.path(); // the file written: the whole export, from the click to the bytes on disk
    bytes = statSync((await download.path())!).size;
    last = download;
  });
  await last?.saveAs(join(root, '.tmp', 'bench-png-last.png')); // to look at what was timed
  const shot = await median(RUNS, async () => void (await page.locator('.map').first().screenshot()));
  const rows: [string, number, string][] = [
    ['plain `page.screenshot()` of the map element (baseline)', shot.medianMs, '1.0×'],
    [`« PNG » export of the zone sheet, click → download (${(bytes / 1024).toFixed(0)} KiB; target ≤ 3 s)`, png.medianMs, `${(png.medianMs / shot.medianMs).toFixed(1)}×`],
  ];
  console.log(`runs: PNG ${png.runsMs.map((m) => m.toFixed(0)).join(', ')} ms; screenshot ${shot.runsMs.map((m) => m.toFixed(0)).join(', ')} ms`);
  console.log('\n| figure (1440×900, Chromium headless, software WebGL) | median ms | ratio |\n| --- | --- | --- |');
  for (const [label, ms, ratio] of rows) console.log(`| ${label} | ${ms.toFixed(0)} | ${ratio} |`);
} finally {
  await browser.close();
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
