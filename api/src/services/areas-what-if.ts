/**
 * What-if on the Huff model: add a candidate site, move, close or resize a store → each store's predicted change,
 * split into demand captured from competitors and cannibalised from own stores. Drive times of unchanged stores
 * come from the engine's row cache: only the moved or added sites' rows are computed.
 */
import { ApiError } from '../errors.js';
import { areasApiText as t } from '../messages/areas-api.js';
import {
  areaContext, checkParams, communeDemand, labels, runHuff, type AreaContext, type AreasDeps, type DemandInput, type AreaRequest,
} from './areas.js';
import { storeTimes, timesReport } from './areas-times.js';
import { saveScenario } from './areas-save.js';
import type { StoreRole } from './areas-stores.js';
import { whatIfDelta, type HuffParams } from '../domain/areas/index.js';
import type { LonLat } from '../domain/routing/index.js';

export type WhatIfChange =
  | { action: 'add'; name?: string; at: LonLat | { communeCode: string }; role?: StoreRole; attractiveness?: number }
  | { action: 'close'; key: string }
  | { action: 'move'; key: string; at: LonLat | { communeCode: string } }
  | { action: 'resize'; key: string; attractiveness: number };

export interface WhatIfInput extends AreaRequest {
  params: HuffParams;
  demand?: DemandInput;
  changes: WhatIfChange[];
  save?: { name: string };
}

interface Site { key: string; name: string; role: StoreRole; attractiveness: number; lon: number; lat: number; base: number; change: string }

/** The changed store set: base stores (closed ones dropped, moved or resized ones changed), then the candidates. */
async function changedSites(deps: AreasDeps, ctx: AreaContext, changes: readonly WhatIfChange[]): Promise<Site[]> {
  const index = new Map(ctx.keys.map((k, s) => [k, s]));
  const sites: (Site | null)[] = ctx.set.stores.map((s, i) => ({ key: s.key, name: s.name, role: s.role, attractiveness: s.attractiveness, lon: s.lon, lat: s.lat, base: i, change: 'none' }));
  const added: Site[] = [];
  for (const [i, c] of changes.entries()) {
    if (c.action === 'add') {
      const [p] = await deps.routing.resolvePoints([c.at], `changes[${i}].at`);
      added.push({ key: `candidat-${added.length + 1}`, name: c.name ?? t.candidateName(added.length), role: c.role ?? 'own', attractiveness: c.attractiveness ?? 1, lon: p[0], lat: p[1], base: -1, change: 'add' });
      continue;
    }
    const s = index.get(c.key);
    if (s === undefined) throw new ApiError(400, 'AREAS_UNKNOWN_STORE_KEYS', t.unknownKey(c.key), { field: `changes[${i}].key`, keys: [c.key] });
    const site = sites[s];
    if (!site) continue; // closed before
    if (c.action === 'close') sites[s] = null;
    else if (c.action === 'resize') Object.assign(site, { attractiveness: c.attractiveness, change: site.change === 'none' ? 'resize' : `${site.change}+resize` });
    else {
      const [p] = await deps.routing.resolvePoints([c.at], `changes[${i}].at`);
      Object.assign(site, { lon: p[0], lat: p[1], change: site.change === 'none' ? 'move' : `move+${site.change}` });
    }
  }
  return [...sites.filter((s): s is Site => s !== null), ...added];
}

export async function whatIf(deps: AreasDeps, input: WhatIfInput) {
  checkParams(input.params);
  const ctx = await areaContext(deps, input);
  const demand = await communeDemand(deps, ctx.at, input.demand ?? { kind: 'population' });
  const base = runHuff(ctx, input.params, demand.values);
  const t0 = performance.now();
  const sites = await changedSites(deps, ctx, input.changes);
  const at = await storeTimes(deps.routing, deps.database, sites, ctx.at.cutoffSec, input.maxSnapM);
  const offCandidate = sites.findIndex((s, i) => s.base === -1 && at.storeReasons[i]);
  if (offCandidate >= 0) throw new ApiError(400, 'POINT_OFF_NETWORK', t.candidateOffNetwork(sites[offCandidate].name, at.storeReasons[offCandidate]!), { field: 'changes' });
  const own = Uint8Array.from(sites, (s) => (s.role === 'own' ? 1 : 0));
  const changedCtx: AreaContext = { ...ctx, at, own, attractiveness: Float64Array.from(sites, (s) => s.attractiveness), keys: sites.map((s) => s.key) };
  const changed = runHuff(changedCtx, input.params, demand.values);
  const mapping = Int32Array.from(sites, (s) => s.base);
  const delta = whatIfDelta(base, changed, ctx.own, own, mapping, demand.values, ctx.at.communes.length);
  const whatIfMs = performance.now() - t0;
  const round = (x: number) => Math.round(x * 100) / 100;
  const rows = Array.from(delta.store, (s, r) => {
    const b = delta.baseStore[r];
    const site = s >= 0 ? sites[s] : null;
    const store = b >= 0 ? ctx.set.stores[b] : null;
    return {
      key: site?.key ?? store!.key, name: site?.name ?? store!.name, role: site?.role ?? store!.role,
      change: site ? site.change : 'close',
      baseDemand: round(delta.baseDemand[r]), newDemand: round(delta.newDemand[r]), deltaDemand: round(delta.newDemand[r] - delta.baseDemand[r]),
      capturedFromCompetitors: round(delta.capturedFromCompetitors[r]), cannibalisedFromOwn: round(delta.cannibalisedFromOwn[r]),
    };
  });
  const summary = {
    ownNetworkBase: round(delta.ownNetworkBase), ownNetworkNew: round(delta.ownNetworkNew),
    ownNetworkDelta: round(delta.ownNetworkNew - delta.ownNetworkBase),
    demandLabel: demand.label, unit: demand.unit,
    changedRows: rows.filter((r) => r.change !== 'none' || Math.abs(r.deltaDemand) >= 0.5),
  };
  const scenario = input.save ? await saveScenario(deps.database.db, input.save.name, { ...input, save: undefined }, summary) : undefined;
  return {
    ...labels(ctx.set, true),
    params: input.params,
    stores: rows,
    ...summary,
    communes: {
      codes: ctx.at.communes.map((c) => c.code),
      deltaOwnShareRatio: Array.from(changed.ownShareRatio, (x, c) => {
        const d = (Number.isFinite(x) ? x : 0) - (Number.isFinite(base.ownShareRatio[c]) ? base.ownShareRatio[c] : 0);
        return Number.isFinite(x) || Number.isFinite(base.ownShareRatio[c]) ? Math.round(d * 10_000) / 10_000 : null;
      }),
    },
    ...timesReport(at, sites.map((s) => s.key)),
    whatIfMs: Math.round(whatIfMs),
    scenario,
  };
}
