import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { parseBbox } from '../domain/territory/bbox.js';
import { findCommuneSheet, findCommunesInBbox, findCommunesOfDepartement, findReplacements, searchPlaces } from '../repositories/territory.js';
import { validate } from './validation.js';
import { territory } from '../messages/territory.js';
import { resolutionJson, resolveCommunes } from '../services/commune-names.js';
import { DEPARTEMENT_CODE_RE, isCommuneCode } from '../domain/territory/codes.js';
import { communeProfile } from '../services/commune-profile.js';

const ProfileQuery = z.object({ reference: z.enum(['departement', 'region', 'france']).default('departement'), indicators: z.string().max(20_000).optional() });
const idList = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : null);

export const communesRoutes = ({ database }: AppDeps) =>
  new Hono()
    /** Communes given by name ("Saint-Denis (93)") or code: one resolution each; an ambiguous name lists its candidates. */
    .post('/resolve', validate('json', z.object({ names: z.array(z.string().trim().min(1).max(200)).min(1).max(2500) })), async (c) => {
      const results = await resolveCommunes(database.db, c.req.valid('json').names);
      return c.json({ results: results.map(resolutionJson) });
    })
    .get(
      '/search',
      validate('query', z.object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(50).default(10) })),
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
            departement: z.string().trim().toUpperCase().regex(DEPARTEMENT_CODE_RE).optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
          })
          .refine((q) => q.bbox !== undefined || q.departement !== undefined, { message: territory.bboxOrDepartementRequired(), path: ['bbox'] }),
      ),
      async (c) => {
        const { bbox: text, departement, limit } = c.req.valid('query');
        if (departement !== undefined) {
          const found = await findCommunesOfDepartement(database.db, departement);
          if (!found.communes.length) throw new ApiError(404, 'NOT_FOUND', territory.departementNotFound(departement));
          return c.json(found);
        }
        const bbox = parseBbox(text!);
        if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
        return c.json(await findCommunesInBbox(database.db, bbox, limit));
      },
    )
    /** The commune's INSEE description: the zone-profile figures of a one-commune membership (former codes resolved and said). */
    .get('/:code/profile', validate('query', ProfileQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await communeProfile(database.db, c.req.param('code'), { reference: q.reference, indicators: idList(q.indicators) }));
    })
    .get('/:code', async (c) => {
      const code = c.req.param('code').trim().toUpperCase();
      if (!isCommuneCode(code)) {
        throw new ApiError(400, 'INVALID_COMMUNE_CODE', territory.invalidCommuneCode(c.req.param('code')));
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
            message: territory.communeReplaced(code, replacements[0].oldName, replacements),
          },
          301,
        );
      }
      throw new ApiError(404, 'COMMUNE_NOT_FOUND', territory.communeNotFound(code));
    });
