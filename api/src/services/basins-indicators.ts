/**
 * Saving and deleting computed indicators (the mechanism of repositories/computed-indicators.ts and
 * domain/indicators/providers/computed.ts; generic: issue 18 reuses it). A saved indicator is in the registry as
 * `computed:<uuid>` (quality 'computed'): GET /api/indicators, the map's values, zone profiles and exports.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { basinsApiText as t } from '../messages/basins-api.js';
import { deleteComputedIndicator, insertComputedIndicator } from '../repositories/computed-indicators.js';
import { COMPUTED_PREFIX, computedId } from '../domain/indicators/providers/computed.js';
import { DEFAULT_WORKSPACE, LOCAL_USER } from '../domain/zones/zone.js';

export interface ComputedIndicatorToSave { label: string; unit: string; definition: string; source: string; method: Record<string, unknown> }

export async function saveComputedIndicator(db: Kysely<DB>, ind: ComputedIndicatorToSave, codes: readonly string[], values: ArrayLike<number | null>) {
  const uuid = await insertComputedIndicator(db, { ...ind, method: { ...ind.method, quality: 'computed' }, workspaceId: DEFAULT_WORKSPACE, createdBy: LOCAL_USER }, codes, values);
  return { indicatorId: computedId(uuid), label: ind.label };
}

/** Deletes by registry id (`computed:<uuid>`) or bare uuid; 404 when there is none. */
export async function removeComputedIndicator(db: Kysely<DB>, id: string) {
  const uuid = id.startsWith(COMPUTED_PREFIX) ? id.slice(COMPUTED_PREFIX.length) : id;
  if (!(await deleteComputedIndicator(db, DEFAULT_WORKSPACE, uuid))) throw new ApiError(404, 'UNKNOWN_INDICATOR', t.indicatorNotFound(id), { id });
  return { deleted: computedId(uuid) };
}
