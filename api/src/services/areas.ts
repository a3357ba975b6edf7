/**
 * Trade areas (issue 14), the use cases: Huff model, drive-time areas (overlapping / exclusive), customer-derived
 * areas; calibration and what-if live in areas-calibrate.ts and areas-what-if.ts. Each loads the points of sale
 * (areas-stores), their drive times (areas-times), runs the pure model (domain/areas) and optionally saves zones.
 */
import type { Database } from '../db/database.js';
import type { RoutingService } from './routing.js';
import { ApiError } from '../errors.js';
import { areasApiText as t } from '../messages/areas-api.js';
import { communeMedianIncome } from '../repositories/areas.js';
import { loadStores, type StoreSet, type StoreSetInput } from './areas-stores.js';
import { storeTimes, timesReport, DEFAULT_CUTOFF_MIN, type AreaTimes } from './areas-times.js';
import { saveCommuneLayer, saveTradeAreas, storesToSave, type SaveInput, type ZoneToSave } from './areas-save.js';
import {
  AreaInputError, PARAM_BOUNDS, areasText, huffSparse, exclusiveAreas, overlappingBands, type HuffParams, type SparseHuffResult,
} from '../domain/areas/index.js';

export interface AreasDeps { database: Database; routing: RoutingService }

export type DemandInput = { kind: 'population' } | { kind: 'spending'; perInhabitantEur: number; incomeWeighted?: boolean };

export interface AreaRequest { stores: StoreSetInput; cutoffMin?: number; maxSnapM?: number }

/** Stores and their drive times: what every use case starts from. */
export interface AreaContext { set: StoreSet; at: AreaTimes; keys: string[]; own: Uint8Array; attractiveness: Float64Array }

export async function areaContext(deps: AreasDeps, req: AreaRequest): Promise<AreaContext> {
  deps.routing.requireNetwork(); // 503 with the reason before anything else
  const set = await loadStores(deps.database.db, req.stores);
  const at = await storeTimes(deps.routing, deps.database, set.stores, (req.cutoffMin ?? DEFAULT_CUTOFF_MIN) * 60, req.maxSnapM);
  if (at.storeReasons.every((r) => r !== null)) throw new ApiError(400, 'AREAS_NO_REACHABLE_STORE', t.noReachableStore, timesReport(at, set.stores.map((s) => s.key)).offNetwork);
  return {
    set, at,
    keys: set.stores.map((s) => s.key),
    own: Uint8Array.from(set.stores, (s) => (s.role === 'own' ? 1 : 0)),
    attractiveness: Float64Array.from(set.stores, (s) => s.attractiveness),
  };
}

/** The domain's input errors as the one error shape (400, English code, French message, the field). */
export function domainError(e: unknown): never {
  if (e instanceof AreaInputError) throw new ApiError(400, e.code, e.message, { field: e.field });
  throw e;
}

/** Demand per commune: population, or a spending potential (optionally weighted by median income, said). */
export async function communeDemand(deps: AreasDeps, at: AreaTimes, demand: DemandInput) {
  const population = Float64Array.from(at.communes, (c) => c.populationCount);
  if (demand.kind === 'population') return { values: population, label: t.populationDemand, unit: 'habitants', estimated: false };
  const values = new Float64Array(population.length);
  let weightOf = (_c: number) => 1;
  if (demand.incomeWeighted) {
    const income = await communeMedianIncome(deps.database.db);
    let sum = 0, pop = 0;
    at.communes.forEach((c) => {
      const eur = income.get(c.code);
      if (eur !== undefined) { sum += eur * c.populationCount; pop += c.populationCount; }
    });
    const reference = pop > 0 ? sum / pop : 1;
    weightOf = (c) => { const eur = income.get(at.communes[c].code); return eur === undefined ? 1 : eur / reference; };
  }
  for (let c = 0; c < values.length; c++) values[c] = population[c] * demand.perInhabitantEur * weightOf(c);
  return { values, label: t.spendingDemand(demand.perInhabitantEur, !!demand.incomeWeighted), unit: 'EUR', estimated: true };
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

/** Labels every payload carries: synthetic sources, modelled figures. */
export function labels(set: StoreSet, modelled: boolean) {
  return { synthetic: set.synthetic, labels: [...(set.synthetic ? [t.syntheticLabel] : []), ...(modelled ? [t.modelledLabel] : [])] };
}

export function storeRows(ctx: AreaContext) {
  return ctx.set.stores.map((s, i) => ({
    key: s.key, name: s.name, layerId: s.layerId, role: s.role, attractiveness: s.attractiveness, lon: s.lon, lat: s.lat,
    offNetworkReason: ctx.at.storeReasons[i],
  }));
}

export interface HuffInput extends AreaRequest {
  params: HuffParams;
  demand?: DemandInput;
  contoursRatio?: number[];
  save?: SaveInput;
}

/** γ and λ within PARAM_BOUNDS, else 400 PARAM_OUT_OF_BOUNDS saying the bounds (checked before any drive time is computed). */
export function checkParams(params: HuffParams) {
  const lambdaBounds = params.decay.kind === 'power' ? PARAM_BOUNDS.powerLambda : PARAM_BOUNDS.expLambda;
  for (const [field, value, [lo, hi]] of [['params.gamma', params.gamma, PARAM_BOUNDS.gamma], ['params.decay.lambda', params.decay.lambda, lambdaBounds]] as const) {
    if (!(value >= lo && value <= hi)) {
      throw new ApiError(400, 'PARAM_OUT_OF_BOUNDS', `${field} : ${areasText.paramOutOfBounds(field.endsWith('gamma') ? 'γ' : 'λ', value, lo, hi)}`, { field, value, bounds: [lo, hi] });
    }
  }
}

/** Huff over the reachable pairs only (the engine's sparse table), probabilities laid out as ctx.at.sparse's cells. */
export function runHuff(ctx: AreaContext, params: HuffParams, demand: Float64Array): SparseHuffResult {
  try {
    return huffSparse(ctx.at.sparse, ctx.attractiveness, demand, ctx.own, params);
  } catch (e) {
    domainError(e);
  }
}

export async function huffAreas(deps: AreasDeps, input: HuffInput) {
  checkParams(input.params);
  const ctx = await areaContext(deps, input);
  const demand = await communeDemand(deps, ctx.at, input.demand ?? { kind: 'population' });
  const t0 = performance.now();
  const result = runHuff(ctx, input.params, demand.values);
  const modelMs = performance.now() - t0;
  const contours = [...(input.contoursRatio ?? [0.5, 0.25])].sort((a, b) => b - a);
  const { communes } = ctx.at;
  const { offsets, commune } = result.times;
  let saved;
  if (input.save) {
    const method = { type: 'huff', params: input.params, demand: demand.label, cutoffSec: ctx.at.cutoffSec, network: ctx.at.network.name, ...labels(ctx.set, true) };
    const description = [t.modelledLabel, ...(ctx.set.synthetic ? [t.syntheticLabel] : []), demand.label].join(' ');
    const zones: ZoneToSave[] = [];
    if (input.save.storeKeys) {
      for (const s of storesToSave(ctx.keys, [...ctx.own].map(Boolean), input.save)) {
        for (const ratio of contours) {
          const members = [];
          for (let k = offsets[s]; k < offsets[s + 1]; k++) if (result.prob[k] >= ratio) members.push({ communeCode: communes[commune[k]].code, weight: result.prob[k] });
          zones.push({ name: t.zoneName(input.save.name, ctx.set.stores[s].name, t.huffContour(ratio)), description, members, method: { ...method, store: ctx.keys[s], minProbabilityRatio: ratio } });
        }
      }
    } else {
      if (!ctx.own.some((o) => o === 1)) throw new ApiError(400, 'AREAS_NO_OWN_STORE', t.noOwnStore);
      for (const ratio of contours) {
        const members = communes.flatMap((c, i) => (result.ownShareRatio[i] >= ratio ? [{ communeCode: c.code, weight: result.ownShareRatio[i] }] : []));
        zones.push({ name: t.networkName(input.save.name, t.huffContour(ratio)), description, members, method: { ...method, store: 'own-network', minProbabilityRatio: ratio } });
      }
    }
    saved = await saveTradeAreas(deps.database.db, zones);
    if (ctx.own.some((o) => o === 1)) {
      const layer = await saveCommuneLayer(deps.database, {
        name: t.probabilityLayerName(input.save.name), description, synthetic: ctx.set.synthetic, measure: 'part_reseau_propre', unit: 'ratio',
        sourceNote: t.probabilityLayerSource(JSON.stringify({ params: input.params, cutoffSec: ctx.at.cutoffSec, network: ctx.at.network.name, layers: ctx.set.layers.map((l) => l.name) })),
      }, communes.map((c) => c.code), result.ownShareRatio);
      saved = { ...saved, layer };
    }
  }
  return {
    ...labels(ctx.set, true),
    params: input.params,
    demand: { label: demand.label, unit: demand.unit, estimated: demand.estimated, totalDemand: demand.values.reduce((a, b) => a + b, 0), unreachedDemand: result.unreachedDemand },
    stores: storeRows(ctx).map((s, i) => ({ ...s, expectedDemand: round(result.expectedDemand[i], 2), marketShareRatio: round(result.marketShareRatio[i], 6) })),
    communes: { codes: communes.map((c) => c.code), ownShareRatio: Array.from(result.ownShareRatio, (x) => round(x)) },
    ...timesReport(ctx.at, ctx.keys),
    modelMs: Math.round(modelMs),
    saved,
  };
}

export interface DriveTimeInput extends AreaRequest {
  mode: 'overlapping' | 'exclusive';
  breaksMin?: number[];
  save?: SaveInput;
}

export async function driveTimeAreas(deps: AreasDeps, input: DriveTimeInput) {
  const breaksMin = [...new Set(input.breaksMin ?? [10, 20, 30])].sort((a, b) => a - b);
  // Overlapping bands need times up to the last break only; the exclusive cut-off is the request's.
  const cutoffMin = input.mode === 'overlapping' ? breaksMin.at(-1)! : input.cutoffMin;
  const ctx = await areaContext(deps, { ...input, cutoffMin });
  const { communes } = ctx.at;
  const method = { type: `drive_time_${input.mode}`, cutoffSec: ctx.at.cutoffSec, breaksMin, network: ctx.at.network.name, timeRule: t.timeRule, ...labels(ctx.set, false) };
  const description = [t.timeRule, ...(ctx.set.synthetic ? [t.syntheticLabel] : [])].join(' ');
  const zones: ZoneToSave[] = [];
  const wanted = input.save ? storesToSave(ctx.keys, [...ctx.own].map(Boolean), input.save) : [];
  let payload;
  try {
    if (input.mode === 'exclusive') {
      const { storeOfCommune, timeSec } = exclusiveAreas(ctx.at.sparse, ctx.at.cutoffSec);
      const perStore = ctx.keys.map(() => ({ communeCount: 0, populationCount: 0 }));
      storeOfCommune.forEach((s, c) => { if (s >= 0) { perStore[s].communeCount++; perStore[s].populationCount += communes[c].populationCount; } });
      for (const s of wanted) {
        const members = communes.flatMap((c, i) => (storeOfCommune[i] === s ? [{ communeCode: c.code, weight: 1 }] : []));
        zones.push({ name: t.zoneName(input.save!.name, ctx.set.stores[s].name, t.exclusiveLabel(ctx.at.cutoffSec / 60)), description, members, method: { ...method, store: ctx.keys[s] } });
      }
      payload = {
        stores: storeRows(ctx).map((s, i) => ({ ...s, ...perStore[i] })),
        communes: { codes: communes.map((c) => c.code), storeKey: Array.from(storeOfCommune, (s) => (s >= 0 ? ctx.keys[s] : null)), durationSec: Array.from(timeSec, (x) => round(x, 1)) },
      };
    } else {
      const { perStore } = overlappingBands(ctx.at.times, breaksMin.map((m) => m * 60));
      for (const s of wanted) {
        breaksMin.forEach((m, k) => {
          const members = perStore[s].slice(0, k + 1).flat().map((i) => ({ communeCode: communes[i].code, weight: 1 }));
          zones.push({ name: t.zoneName(input.save!.name, ctx.set.stores[s].name, t.bandLabel(m)), description, members, method: { ...method, store: ctx.keys[s], maxDurationMin: m } });
        });
      }
      // Map: each commune's shortest time to any store (within the last break), and how many stores reach it.
      const C = communes.length, sec = ctx.at.times.sec;
      const best = new Float64Array(C).fill(NaN), count = new Int32Array(C);
      for (let s = 0; s < ctx.keys.length; s++) for (let c = 0; c < C; c++) {
        const x = sec[s * C + c];
        if (x <= ctx.at.cutoffSec) { count[c]++; if (!(best[c] <= x)) best[c] = x; }
      }
      payload = {
        stores: storeRows(ctx).map((s, i) => ({
          ...s,
          bands: breaksMin.map((m, k) => {
            const inside = perStore[i].slice(0, k + 1).flat();
            return { breakMin: m, communeCount: inside.length, populationCount: inside.reduce((a, c) => a + communes[c].populationCount, 0) };
          }),
        })),
        communes: { codes: communes.map((c) => c.code), durationSec: Array.from(best, (x) => round(x, 1)), storeCount: Array.from(count) },
      };
    }
  } catch (e) {
    domainError(e);
  }
  const saved = input.save ? await saveTradeAreas(deps.database.db, zones) : undefined;
  return { ...labels(ctx.set, false), mode: input.mode, breaksMin: input.mode === 'overlapping' ? breaksMin : undefined, ...payload, ...timesReport(ctx.at, ctx.keys), saved };
}
