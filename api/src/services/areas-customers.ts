/**
 * Observed customers per (store, commune) from a customer layer: by its store key column, or — without one —
 * each customer to the store its commune reaches fastest. Keys matching no chosen store, and blank, non-numeric
 * or negative values of the measure, are a 400 listing the rows; customers without a key or commune are counted.
 */
import { ApiError } from '../errors.js';
import { areasApiText as t } from '../messages/areas-api.js';
import { customerFlows } from '../repositories/areas.js';
import { checkField, requireLayer } from './areas-stores.js';
import type { AreaContext, AreasDeps } from './areas.js';
import type { ObservedFlows } from '../domain/areas/index.js';

export interface CustomerInput {
  layerId: string;
  /** Field holding each customer's store key ('category' or a measure); absent: nearest store by drive time. */
  storeKeyField?: string;
  /** Measure to count instead of customers (e.g. sales); absent: one per customer. */
  valueMeasure?: string;
}

export async function observedFlows(deps: AreasDeps, ctx: AreaContext, input: CustomerInput) {
  const layer = await requireLayer(deps.database.db, input.layerId);
  if (input.storeKeyField) checkField(layer, input.storeKeyField);
  if (input.valueMeasure) checkField(layer, input.valueMeasure);
  const rows = await customerFlows(deps.database.db, layer.id, input.storeKeyField, input.valueMeasure);
  if (!rows.length) throw new ApiError(400, 'AREAS_NO_POINTS', t.noPoints(layer.name), { layerId: layer.id });
  const bad = rows.filter((r) => r.badValueCount > 0);
  if (input.valueMeasure && bad.length) {
    const list = bad.flatMap((r) => r.badRows).sort((a, b) => a - b).map((row) => ({ row, value: null }));
    throw new ApiError(400, 'AREAS_BAD_MEASURE', t.badMeasure(layer.name, input.valueMeasure, list), { layerId: layer.id, field: input.valueMeasure, rows: list.slice(0, 200) });
  }
  const storeIndex = new Map(ctx.keys.map((k, s) => [k, s]));
  const communeIndex = new Map(ctx.at.communes.map((c, i) => [c.code, i]));
  if (input.storeKeyField) {
    const unknown = new Map<string, { key: string; rows: number[]; count: number }>();
    for (const r of rows) {
      const key = r.storeKey?.trim();
      if (!key || storeIndex.has(key)) continue;
      const u = unknown.get(key) ?? { key, rows: [], count: 0 };
      u.rows.push(...r.firstRows);
      u.count += r.customerCount;
      unknown.set(key, u);
    }
    if (unknown.size) {
      const list = [...unknown.values()].map((u) => ({ ...u, rows: u.rows.sort((a, b) => a - b).slice(0, 20) }));
      const total = list.reduce((a, u) => a + u.count, 0);
      throw new ApiError(400, 'AREAS_UNKNOWN_STORE_KEYS', t.unknownStoreKeys(list, total), { keys: list.slice(0, 200) });
    }
  }
  const { times } = ctx.at;
  const C = times.communeCount;
  const nearest = input.storeKeyField ? null : nearestStore(ctx);
  const store: number[] = [], commune: number[] = [], count: number[] = [];
  let withoutKey = 0, withoutCommune = 0, unreachable = 0, total = 0;
  const withoutKeyRows: number[] = [];
  for (const r of rows) {
    const value = input.valueMeasure ? (r.valueSum ?? 0) : r.customerCount;
    total += value;
    const c = r.communeCode ? communeIndex.get(r.communeCode) : undefined;
    if (c === undefined) { withoutCommune += value; continue; }
    const key = r.storeKey?.trim();
    let s: number;
    if (nearest) {
      s = nearest[c];
      if (s < 0) { unreachable += value; continue; }
    } else if (!key) {
      withoutKey += value;
      withoutKeyRows.push(...r.firstRows);
      continue;
    } else s = storeIndex.get(key)!;
    store.push(s); commune.push(c); count.push(value);
  }
  if (!store.length) throw new ApiError(400, 'AREAS_NO_CUSTOMERS', t.noCustomers(layer.name), { layerId: layer.id });
  const obs: ObservedFlows = { store: Int32Array.from(store), commune: Int32Array.from(commune), count: Float64Array.from(count) };
  return {
    obs,
    layer,
    report: {
      layerId: layer.id, layerName: layer.name, synthetic: layer.synthetic,
      assignment: input.storeKeyField ? 'storeKey' : 'nearestStore',
      valueMeasure: input.valueMeasure ?? null,
      totalValue: total,
      withoutStoreKey: { value: withoutKey, firstRows: withoutKeyRows.sort((a, b) => a - b).slice(0, 20) },
      withoutCommuneValue: withoutCommune,
      /** Nearest-store assignment only: customers whose commune reaches no store within the cut-off. */
      unreachableValue: unreachable,
      communeCount: C,
    },
  };
}

/** Per commune, the store reached fastest (within the cut-off), -1 for none. */
function nearestStore(ctx: AreaContext): Int32Array {
  const { storeCount: S, communeCount: C, sec } = ctx.at.times;
  const best = new Float32Array(C).fill(Infinity);
  const out = new Int32Array(C).fill(-1);
  for (let s = 0; s < S; s++) for (let c = 0; c < C; c++) {
    const x = sec[s * C + c];
    if (x < best[c]) { best[c] = x; out[c] = s; }
  }
  return out;
}
