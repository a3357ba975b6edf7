#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than web/dist, bundles the API likewise, then starts it,
// which serves the SPA and /api on one port (PORT, default 5173) over the embedded database.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { apiEntryArgs, newestMtime } from './api-bundle.mjs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'web', 'dist', 'index.html');

const sourcesMtime = Math.max(newestMtime(join(root, 'web')), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sourcesMtime) {
  console.log('[maillage] building the web app (vite build)…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const entry = await apiEntryArgs(root);
const api = spawn(process.execPath, entry, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));
