/**
 * Accessibility per commune (issue 15): APL-style 2SFCA / E2SFCA (domain/basins) on the supply × commune drive
 * times of basins-times.ts, demand = populations légales 2023; its national distribution, the under-served
 * communes, the sensitivity table (10 / 15 / 20 / 30 min × binary / steps / Gaussian), and optionally a saved
 * computed indicator (map, profiles, exports). Importable without HTTP (scripts/bench-basins.ts).
 */
import type { Database } from '../db/database.js';
import type { RoutingService } from './routing.js';
import { ApiError } from '../errors.js';
import { basinsApiText as t } from '../messages/basins-api.js';
import { areaCommunes } from './areas-times.js';
import { loadSupply, type SupplyInput } from './basins-sources.js';
import { supplyTimes, supplyTimesReport } from './basins-times.js';
import { saveComputedIndicator } from './basins-indicators.js';
import {
  BasinInputError, DEFAULT_STEPS, PER_INHABITANTS, accessibility, accessibilitySensitivity, basinsText, checkCatchment, checkDecay, defaultSensitivityVariants,
  type AccessDecay,
} from '../domain/basins/index.js';

export interface BasinsDeps { database: Database; routing: RoutingService }

export type DecayInput = { kind: 'binary' } | { kind: 'gaussian' } | { kind: 'steps'; upperMin?: number[]; weights?: number[] };

export interface AccessibilityInput {
  supply: SupplyInput;
  catchmentMin: number;
  decay: DecayInput;
  demand?: { ageWeighted?: boolean };
  /** Activity per unit of supply per year (e.g. consultations per GP): values become « … par habitant et par an ». */
  activityPerSupply?: number;
  underServedThreshold?: number;
  sensitivity?: boolean;
  save?: { name?: string };
  maxSnapM?: number;
}

/**
 * DREES's under-served threshold for GP accessibility: 2.5 consultations per inhabitant and per year; against
 * its published 2018 national mean, 3.93 (Études et Résultats n° 1144, February 2020). Without an activity per
 * GP our index is in GPs per 100,000 inhabitants, where no published threshold exists: the default threshold
 * is then the same RELATIVE position, 2.5 / 3.93 ≈ 0.64 × this result's population-weighted national mean (and
 * 0 still means "no supply in reach").
 */
export const DREES_UNDER_SERVED = 2.5;
export const DREES_MEAN_2018 = 3.93;
/** Sensitivity catchments (minutes): the 10 / 15 / 20 / 30. Times are computed once up to the largest. */
export const SENSITIVITY_CATCHMENTS_MIN = [10, 15, 20, 30];
const TOP_UNDER_SERVED = 200;
const HISTOGRAM_BINS = 10;

/** The domain's input errors as the one error shape: bad supply 422, the rest 400, the field named. */
export function basinError(e: unknown): never {
  if (e instanceof BasinInputError) {
    const status = e.code === 'NEGATIVE_SUPPLY' || e.code === 'NO_FLOWS' ? 422 : 400;
    throw new ApiError(status, e.code, e.message, { field: e.field });
  }
  throw e;
}

export function toDecay(d: DecayInput): AccessDecay {
  if (d.kind !== 'steps') return { kind: d.kind };
  return { kind: 'steps', upperMin: d.upperMin ?? [...DEFAULT_STEPS.upperMin], weights: d.weights ?? [...DEFAULT_STEPS.weights] };
}

/** Population-weighted quantile of `values` (indices `order` sorted by value). */
function weightedQuantile(order: readonly number[], values: ArrayLike<number>, weights: ArrayLike<number>, total: number, q: number): number | null {
  if (!(total > 0)) return null;
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i];
    if (cumulative >= q * total) return values[i];
  }
  return values[order[order.length - 1]] ?? null;
}

/** Distribution over the communes that have a value (on the network). */
function summarize(values: (number | null)[], population: Float64Array) {
  const on = values.flatMap((v, i) => (v === null ? [] : [i]));
  const order = [...on].sort((a, b) => (values[a] as number) - (values[b] as number));
  const v = values as number[];
  let total = 0, weighted = 0, withoutCount = 0, withoutPop = 0, max = 0;
  for (const i of on) {
    total += population[i];
    weighted += population[i] * v[i];
    if (v[i] === 0) { withoutCount++; withoutPop += population[i]; }
    max = Math.max(max, v[i]);
  }
  const width = max > 0 ? max / HISTOGRAM_BINS : 1;
  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, k) => ({ from: k * width, to: (k + 1) * width, communeCount: 0, populationCount: 0 }));
  for (const i of on) {
    const b = histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(v[i] / width))];
    b.communeCount++;
    b.populationCount += population[i];
  }
  return {
    meanPopulationWeighted: total > 0 ? weighted / total : null,
    median: weightedQuantile(order, v, population, total, 0.5),
    p10: weightedQuantile(order, v, population, total, 0.1),
    p90: weightedQuantile(order, v, population, total, 0.9),
    communesWithoutAccess: withoutCount,
    populationWithoutAccess: withoutPop,
    communeCount: on.length,
    populationCount: total,
    histogram,
  };
}

export async function accessibilityFor(deps: BasinsDeps, input: AccessibilityInput) {
  deps.routing.requireNetwork(); // 503 with the reason before anything else
  const decay = toDecay(input.decay);
  try {
    // Before any drive time is computed.
    checkCatchment(input.catchmentMin);
    checkDecay(decay);
  } catch (e) {
    basinError(e);
  }
  const db = deps.database.db;
  const communes = await areaCommunes(deps.database);
  const supply = await loadSupply(db, communes, input.supply);
  const withSensitivity = input.sensitivity ?? true;
  const reachMin = Math.max(input.catchmentMin, withSensitivity ? Math.max(...SENSITIVITY_CATCHMENTS_MIN) : 0);
  const st = await supplyTimes(deps.routing, deps.database, supply.points, reachMin * 60, input.maxSnapM);
  const report = supplyTimesReport(st, supply.points.map((p) => p.key), supply.points.map((p) => p.label));
  if (st.supplyReasons.every((r) => r !== null)) {
    throw new ApiError(422, 'NO_SUPPLY_ON_NETWORK', t.noActorOnNetwork(supply.label, st.maxSnapM), { field: 'supply', offNetwork: report.offNetwork.slice(0, 200) });
  }
  const t0 = performance.now();
  // Off-network communes have no demand in reach of anything (no pair): their value is null, never 0.
  const population = Float64Array.from(communes, (c, i) => (st.communeSnapped[i] ? c.populationCount : 0));
  let result;
  try {
    result = accessibility(st.times, supply.values, population, { catchmentMin: input.catchmentMin, decay });
  } catch (e) {
    basinError(e);
  }
  const factor = input.activityPerSupply ? input.activityPerSupply / PER_INHABITANTS : 1;
  const values = communes.map((_, i) => (st.communeSnapped[i] ? result.accessPer100k[i] * factor : null));
  const summary = summarize(values, population);
  const threshold = input.underServedThreshold
    ?? (input.activityPerSupply ? DREES_UNDER_SERVED : (summary.meanPopulationWeighted ?? 0) * (DREES_UNDER_SERVED / DREES_MEAN_2018));
  const thresholdRule = input.underServedThreshold !== undefined ? t.underServedRuleGiven
    : input.activityPerSupply ? t.underServedRuleActivity : t.underServedRuleRelative(threshold, summary.meanPopulationWeighted ?? 0);
  const under = values.flatMap((v, i) => (v !== null && v < threshold ? [i] : []));
  const underPop = under.reduce((a, i) => a + population[i], 0);
  const sensitivity = withSensitivity
    ? accessibilitySensitivity(st.times, supply.values, population, { variants: defaultSensitivityVariants(SENSITIVITY_CATCHMENTS_MIN), thresholdPer100k: threshold / factor }).map((r) => ({
      catchmentMin: r.catchmentMin, decay: r.decay.kind, decayLabel: r.decayLabel, decayParams: r.decay,
      meanPopulationWeighted: r.meanPer100k * factor,
      medianPopulationWeighted: r.medianPer100k * factor,
      underServedShareRatio: summary.populationCount > 0 ? (r.populationBelowThresholdCount ?? 0) / summary.populationCount : null,
      populationWithoutAccess: r.populationWithoutAccessCount,
      supplyWithoutDemand: r.supplyWithoutDemand,
    }))
    : [];
  const computeMs = performance.now() - t0;

  const isGp = input.supply.source === 'gp';
  const unit = input.activityPerSupply ? (isGp ? t.unitActivity : t.unitActivityOther) : t.unitPer100k(supply.unitWhat);
  const decayLabel = basinsText.decayLabel[decay.kind];
  const label = isGp ? t.gpAccessLabel(t.decayShort[decay.kind], input.catchmentMin) : t.accessLabel(supply.label, t.decayShort[decay.kind], input.catchmentMin);
  const ageWeighted = false; // no consumption-by-age profile in our data: never invented
  const demand = { label: t.populationDemand, ageWeighted, ageWeightedAsked: !!input.demand?.ageWeighted, note: input.demand?.ageWeighted ? t.ageNotAvailable : t.ageNotAsked };
  const method = {
    type: 'accessibility_2sfca', catchmentMin: input.catchmentMin, decay, decayLabel, supply: input.supply, supplyLabel: supply.label, supplyPlacement: supply.placement,
    demandLabel: demand.label, ageWeighted, activityPerSupply: input.activityPerSupply ?? null, timeRule: t.timeRule, network: st.network.name, maxSnapM: st.maxSnapM,
  };
  let saved;
  if (input.save) {
    const id = await saveComputedIndicator(db, {
      label: input.save.name?.trim() ? `${input.save.name.trim()} — ${label}` : label, unit,
      definition: t.accessDefinition(supply.label, decayLabel, input.catchmentMin, input.activityPerSupply),
      source: t.accessSource(supply.label, st.network.name ?? '?'), method,
    }, communes.map((c) => c.code), values);
    saved = { indicatorId: id.indicatorId, label: id.label };
  }
  const byPop = [...under].sort((a, b) => population[b] - population[a] || communes[a].code.localeCompare(communes[b].code)).slice(0, TOP_UNDER_SERVED);
  return {
    quality: 'computed' as const,
    label,
    unit,
    labels: [t.computedLabel, ...(supply.synthetic ? [t.syntheticSupply] : [])],
    synthetic: supply.synthetic,
    method,
    supply: {
      label: supply.label, source: supply.source, year: supply.year, placement: supply.placement, pointCount: supply.points.length,
      total: supply.values.reduce((a, b) => a + b, 0), inReach: result.supplyInReach, withoutDemand: result.supplyWithoutDemand,
      // the first 200 off-network points (a regional network leaves thousands out of a national set), and their count
      offNetwork: report.offNetwork.slice(0, 200),
      offNetworkCount: report.offNetwork.length,
    },
    demand: { ...demand, populationCount: summary.populationCount },
    values: { codes: communes.map((c) => c.code), value: values },
    summary,
    underServed: {
      threshold, rule: thresholdRule, communeCount: under.length, populationCount: underPop,
      shareRatio: summary.populationCount > 0 ? underPop / summary.populationCount : null,
      communes: byPop.map((i) => ({ code: communes[i].code, name: communes[i].name, value: values[i], populationCount: communes[i].populationCount })),
    },
    sensitivity,
    network: report.network,
    offNetworkCommunes: report.offNetworkCommunes,
    timing: { timesMs: st.timesMs, timesCached: st.cached, computeMs: Math.round(computeMs), pairCount: st.times.sec.length },
    ...(saved ? { saved } : {}),
  };
}
