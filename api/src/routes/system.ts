import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { countCommunes, listAreaLabels, listCommuneLabels } from '../repositories/territory.js';

export const ATTRIBUTION = [
  'Contours © IGN Admin Express COG 2018 (Licence Ouverte / Etalab 2.0)',
  'Communes, codes et populations © INSEE COG 2026 via @etalab/decoupage-administratif (Licence Ouverte)',
];

export const systemRoutes = ({ database, config, routing }: AppDeps) =>
  new Hono()
    .get('/health', async (c) => c.json({ status: 'ok' as const, database: database.kind, communeCount: await countCommunes(database.db) }))
    .get('/config', (c) => c.json({ basemapStyleUrl: config.basemapStyleUrl ?? null, attribution: [...ATTRIBUTION, ...(routing.status.attribution ? [routing.status.attribution] : []), ...config.extraAttribution] }))
    .get('/territory/labels', async (c) => {
      const [communes, departements, regions] = await Promise.all([
        listCommuneLabels(database.db),
        listAreaLabels(database.db, 'departements'),
        listAreaLabels(database.db, 'regions'),
      ]);
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json({ labels: communes, departements, regions });
    });
