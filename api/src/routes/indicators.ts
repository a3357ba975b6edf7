import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { findIndicator, indicatorValues, listIndicators } from '../repositories/indicators.js';

export const indicatorsRoutes = ({ database }: AppDeps) =>
  new Hono()
    .get('/', async (c) => c.json({ indicators: await listIndicators(database.db) }))
    .get('/:id/values', async (c) => {
      const id = c.req.param('id');
      const indicator = await findIndicator(database.db, id);
      if (!indicator) {
        const known = (await listIndicators(database.db)).map((i) => i.id);
        throw new ApiError(404, 'UNKNOWN_INDICATOR', `No indicator "${id}". Available: ${known.join(', ')}.`);
      }
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ indicator, ...(await indicatorValues(database.db, id)) });
    });
