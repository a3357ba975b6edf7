/**
 * Store × commune drive times for a trade-area request: the engine (engine/store-times.ts) over the active road
 * network, with what a user must be told — stores and communes off the network (left out with the reason, never
 * given a time) and the network's provenance.
 */
import type { Database } from '../db/database.js';
import { communePoints, type CommunePoint } from '../repositories/points-near.js';
import type { RoutingService } from './routing.js';
import { storeTimesEngine } from '../engine/store-times.js';
import { areasApiText as t } from '../messages/areas-api.js';
import type { SparseStoreTimes, StoreTimes } from '../domain/areas/index.js';
import type { LonLat } from '../domain/routing/index.js';

export const DEFAULT_CUTOFF_MIN = 90;

export interface AreaTimes {
  /** Dense table, built on first read (the Huff and exclusive areas read `sparse`). */
  readonly times: StoreTimes;
  sparse: SparseStoreTimes;
  communes: CommunePoint[];
  /** Per store: null when on the network, else why it has no time. */
  storeReasons: (string | null)[];
  offNetworkCommuneCodes: string[];
  offNetworkCommuneReason: string;
  cutoffSec: number;
  maxSnapM: number;
  network: { name: string | undefined; source: string | undefined; sourceDate: string | undefined; licence: string | undefined; attribution: string | undefined };
  timesMs: number;
  computedRowCount: number;
}

const communeCache = new WeakMap<Database, Promise<CommunePoint[]>>();

/** Every commune with a point, in code order (the columns of StoreTimes), read once per database. */
export function areaCommunes(database: Database): Promise<CommunePoint[]> {
  let p = communeCache.get(database);
  if (!p) {
    p = communePoints(database.db);
    communeCache.set(database, p);
    p.catch(() => communeCache.delete(database));
  }
  return p;
}

export async function storeTimes(
  routing: RoutingService, database: Database, stores: readonly { lon: number; lat: number }[], cutoffSec: number, requestedMaxSnapM?: number,
): Promise<AreaTimes> {
  const network = routing.requireNetwork();
  const communes = await areaCommunes(database);
  const maxSnapM = routing.maxSnapM(requestedMaxSnapM);
  const view = routing.host.snapView(maxSnapM);
  const engine = storeTimesEngine(network, () => communes);
  const run = await engine.times(view, stores.map((s) => [s.lon, s.lat] as LonLat), cutoffSec);
  const status = routing.status;
  return {
    get times() { return run.times; },
    sparse: run.sparse,
    communes,
    storeReasons: run.storeSnaps.map((s) => (s ? null : t.storeOffNetwork(maxSnapM))),
    offNetworkCommuneCodes: communes.filter((_, c) => !run.communeSnapped[c]).map((c) => c.code),
    offNetworkCommuneReason: t.communeOffNetwork(maxSnapM),
    cutoffSec,
    maxSnapM,
    network: { name: status.network, source: status.source, sourceDate: status.sourceDate, licence: status.licence, attribution: status.attribution },
    timesMs: Math.round(run.computeMs),
    computedRowCount: run.computedRowCount,
  };
}

/** What a payload says about the times: network, rule, and what was left out. */
export function timesReport(at: AreaTimes, storeKeys: readonly string[]) {
  return {
    network: at.network,
    cutoffSec: at.cutoffSec,
    maxSnapM: at.maxSnapM,
    timeRule: t.timeRule,
    offNetwork: {
      stores: storeKeys.flatMap((key, s) => (at.storeReasons[s] ? [{ key, reason: at.storeReasons[s] }] : [])),
      communeCount: at.offNetworkCommuneCodes.length,
      communeCodes: at.offNetworkCommuneCodes.slice(0, 200),
      communeReason: at.offNetworkCommuneReason,
    },
    timing: { timesMs: at.timesMs, computedRowCount: at.computedRowCount },
  };
}
