import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { DEFAULT_WORKSPACE, LOCAL_USER } from '../domain/zones/zone.js';
import { listExports, logExport } from '../repositories/export-log.js';
import { validate } from './validation.js';

const LogBody = z.object({
  kind: z.enum(['map_png']),
  target: z.string().trim().min(1).max(500),
  format: z.string().max(20).optional(),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

/** The export log: server-side exports write it themselves; the web records the exports it makes client-side (map PNG). */
export const exportsRoutes = ({ database }: AppDeps) =>
  new Hono()
    .get('/log', async (c) => c.json({ exports: await listExports(database.db, DEFAULT_WORKSPACE) }))
    .post('/log', validate('json', LogBody), async (c) => {
      const b = c.req.valid('json');
      const id = await logExport(database.db, { workspaceId: DEFAULT_WORKSPACE, userName: LOCAL_USER, kind: b.kind, target: b.target, format: b.format ?? 'png', parameters: b.parameters });
      return c.json({ id, logged: true }, 201);
    });
