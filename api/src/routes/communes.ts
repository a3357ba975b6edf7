import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { parseBbox } from '../domain/territory/bbox.js';
import { findCommuneSheet, findCommunesInBbox, findCommunesOfDepartement, findReplacements, searchPlaces } from '../repositories/territory.js';
import { validate } from './validation.js';

const CODE_RE = /^[0-9][0-9AB][0-9]{3}$/;
const DEPARTEMENT_RE = /^([0-9]{2}|2A|2B|97[1-6])$/;

export const communesRoutes = ({ database }: AppDeps) =>
  new Hono()
    .get(
      '/search',
      validate('query', z.object({ q: z.string().trim().min(1, 'type at least one character').max(100), limit: z.coerce.number().int().min(1).max(50).default(10) })),
      async (c) => {
        const { q, limit } = c.req.valid('query');
        return c.json({ results: await searchPlaces(database.db, q, limit) });
      },
    )
    .get(
      '/',
      validate(
        'query',
        z
          .object({
            bbox: z.string().optional(),
            departement: z.string().trim().toUpperCase().regex(DEPARTEMENT_RE, 'a département code: 2 or 3 characters (e.g. 78, 2A, 974)').optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
          })
          .refine((q) => q.bbox !== undefined || q.departement !== undefined, { message: 'bbox (minLon,minLat,maxLon,maxLat) or departement is required', path: ['bbox'] }),
      ),
      async (c) => {
        const { bbox: text, departement, limit } = c.req.valid('query');
        if (departement !== undefined) {
          const found = await findCommunesOfDepartement(database.db, departement);
          if (!found.communes.length) throw new ApiError(404, 'NOT_FOUND', `No département ${departement} in the COG 2026: check the code (e.g. 78, 2A, 974).`);
          return c.json(found);
        }
        const bbox = parseBbox(text!);
        if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
        return c.json(await findCommunesInBbox(database.db, bbox, limit));
      },
    )
    .get('/:code', async (c) => {
      const code = c.req.param('code').trim().toUpperCase();
      if (!CODE_RE.test(code)) {
        throw new ApiError(400, 'INVALID_COMMUNE_CODE', `"${c.req.param('code')}" is not an INSEE commune code: 5 characters, digits, with 2A/2B for Corsica (e.g. 48095, 2A004).`);
      }
      const sheet = await findCommuneSheet(database.db, code);
      if (sheet) return c.json(sheet);
      const replacements = await findReplacements(database.db, code);
      if (replacements.length) {
        c.header('Location', `/api/communes/${replacements[0].code}`);
        return c.json(
          {
            replaced: true as const,
            oldCode: code,
            oldName: replacements[0].oldName,
            kind: replacements[0].kind,
            replacedBy: replacements.map((r) => ({ code: r.code, name: r.name })),
            message: `${code} (${replacements[0].oldName}) is no longer a commune code in the COG 2026: use ${replacements.map((r) => `${r.code} ${r.name}`).join(' or ')}.`,
          },
          301,
        );
      }
      throw new ApiError(404, 'COMMUNE_NOT_FOUND', `No commune ${code} in the COG 2026, nor among former codes. Check the code, or search by name with /api/communes/search?q=.`);
    });
