import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ROOT } from './template.js';
import { apiEntryArgs, newestMtime } from '../../scripts/api-bundle.mjs';

export interface TestServer {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** Builds web/dist when missing or older than web/ sources (as `npm start` does, in production mode). One build at a time across workers. */
export function ensureWebBuild(): void {
  const index = join(ROOT, 'web/dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'web'))) return;
  const res = spawnSync('flock', [join(ROOT, '.tmp', 'web-build.lock'), process.execPath, join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which Vite would keep: React's development build (jsxDEV), slower than what users get
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('vite build failed');
}

/**
 * Starts the real production server as `npm start` runs it (the API bundle from scripts/api-bundle.mjs, serving web/dist + /api) on a free port over a private
 * copy of the seeded PGlite template, so browser tests don't pay the first-start data load.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  cpSync(inject('pgliteTemplateDir'), dataDir, { recursive: true });
  let out = '';
  const child: ChildProcess = spawn(process.execPath, await apiEntryArgs(ROOT), {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir, PORT: '0', MAILLAGE_ROAD_GRAPH: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready in [\d.]+ s → (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before ready:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
