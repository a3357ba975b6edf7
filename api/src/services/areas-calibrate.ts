/**
 * Calibration of the Huff model on observed customers (MCI and maximum likelihood, both reported with their fit
 * statistics and a residual per commune), and customer-derived areas (communes ranked by customers until 50 / 70 /
 * 80 % of a store's customers).
 */
import { areasApiText as t } from '../messages/areas-api.js';
import { areaContext, domainError, labels, storeRows, type AreaRequest, type AreasDeps } from './areas.js';
import { observedFlows, type CustomerInput } from './areas-customers.js';
import { timesReport } from './areas-times.js';
import { saveTradeAreas, storesToSave, type SaveInput, type ZoneToSave } from './areas-save.js';
import { calibrateMci, calibrateMl, customerAreas, type CalibrationFit, type Decay } from '../domain/areas/index.js';

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

export interface CalibrateInput extends AreaRequest {
  customers: CustomerInput & { storeKeyField: string };
  decayKind: Decay['kind'];
}

function fitSummary(fit: CalibrationFit) {
  return {
    method: fit.method, gamma: round(fit.gamma, 6), lambda: round(fit.lambda, 6), decayKind: fit.decayKind,
    r2: fit.r2 === undefined ? null : round(fit.r2, 6), logLikelihood: fit.logLikelihood === undefined ? null : round(fit.logLikelihood, 3),
    pseudoR2: fit.pseudoR2 === undefined ? null : round(fit.pseudoR2, 6), pairCount: fit.pairCount, iterations: fit.iterations ?? null,
    /** The parameters as the Huff route takes them: one click applies them. */
    params: { gamma: round(fit.gamma, 6), decay: { kind: fit.decayKind, lambda: round(fit.lambda, 6) } },
  };
}

export async function calibrate(deps: AreasDeps, input: CalibrateInput) {
  const ctx = await areaContext(deps, input);
  const { obs, report } = await observedFlows(deps, ctx, input.customers);
  const t0 = performance.now();
  let mci: CalibrationFit, ml: CalibrationFit;
  try {
    mci = calibrateMci(ctx.at.times, ctx.attractiveness, obs, input.decayKind);
    ml = calibrateMl(ctx.at.times, ctx.attractiveness, obs, input.decayKind, { gamma: mci.gamma, lambda: mci.lambda });
  } catch (e) {
    domainError(e);
  }
  const fitMs = performance.now() - t0;
  return {
    ...labels(ctx.set, true),
    customers: report,
    fits: { mci: fitSummary(mci), ml: fitSummary(ml) },
    stores: storeRows(ctx).map((s, i) => ({
      ...s,
      observedShareRatio: round(ml.observedShare[i], 6),
      predictedShareRatio: { mci: round(mci.predictedShare[i], 6), ml: round(ml.predictedShare[i], 6) },
    })),
    /** Per commune, observed − predicted share of its nearest store (residual map; domain residualKind); null where no customer was observed. */
    communes: {
      codes: ctx.at.communes.map((c) => c.code),
      residualMci: Array.from(mci.residual, (x) => round(x)),
      residualMl: Array.from(ml.residual, (x) => round(x)),
    },
    ...timesReport(ctx.at, ctx.keys),
    fitMs: Math.round(fitMs),
  };
}

export interface CustomerAreasInput extends AreaRequest {
  customers: CustomerInput;
  thresholdsRatio?: number[];
  excludeOutliers?: boolean;
  save?: SaveInput;
}

export async function customerDerivedAreas(deps: AreasDeps, input: CustomerAreasInput) {
  const ctx = await areaContext(deps, input);
  const { obs, report } = await observedFlows(deps, ctx, input.customers);
  const thresholds = [...new Set(input.thresholdsRatio ?? [0.5, 0.7, 0.8])].sort((a, b) => a - b);
  let result;
  try {
    result = customerAreas(obs, ctx.keys.length, thresholds, { times: ctx.at.times, cutoffSec: ctx.at.cutoffSec, excludeOutliers: input.excludeOutliers ?? false });
  } catch (e) {
    domainError(e);
  }
  const { communes } = ctx.at;
  const tierName = (k: number) => t.tierNames[k] ?? t.tierLabel(thresholds[k]);
  // Map: each commune's smallest tier over the own stores (0 = primary), null outside every area.
  const tierOf = new Array<number | null>(communes.length).fill(null);
  result.perStore.forEach((p, s) => {
    if (!ctx.own[s]) return;
    p.tiers.forEach((tier, k) => tier.communeIdx.forEach((c) => { if (tierOf[c] === null || tierOf[c]! > k) tierOf[c] = k; }));
  });
  let saved;
  if (input.save) {
    const method = { type: 'customer', thresholdsRatio: thresholds, customers: report.layerId, assignment: report.assignment, valueMeasure: report.valueMeasure, cutoffSec: ctx.at.cutoffSec, excludeOutliers: input.excludeOutliers ?? false, ...labels(ctx.set, false) };
    const zones: ZoneToSave[] = [];
    for (const s of storesToSave(ctx.keys, [...ctx.own].map(Boolean), input.save)) {
      result.perStore[s].tiers.forEach((tier, k) => zones.push({
        name: t.zoneName(input.save!.name, ctx.set.stores[s].name, `${tierName(k)} (${t.tierLabel(tier.thresholdRatio)})`),
        description: [t.tierLabel(tier.thresholdRatio), ...(ctx.set.synthetic || report.synthetic ? [t.syntheticLabel] : [])].join(' — '),
        members: tier.communeIdx.map((c) => ({ communeCode: communes[c].code, weight: 1 })),
        method: { ...method, store: ctx.keys[s], thresholdRatio: tier.thresholdRatio },
      }));
    }
    saved = await saveTradeAreas(deps.database.db, zones);
  }
  return {
    ...labels(ctx.set, false),
    synthetic: ctx.set.synthetic || report.synthetic,
    customers: report,
    thresholdsRatio: thresholds,
    stores: storeRows(ctx).map((s, i) => ({
      ...s,
      totalValue: result.perStore[i].totalValue,
      beyondCutoffRatio: round(result.perStore[i].beyondCutoffRatio),
      outlierCount: result.perStore[i].outlierCount,
      tiers: result.perStore[i].tiers.map((tier, k) => ({
        name: tierName(k), thresholdRatio: tier.thresholdRatio, valueShareRatio: round(tier.valueShareRatio),
        communeCodes: tier.communeIdx.map((c) => communes[c].code),
        populationCount: tier.communeIdx.reduce((a, c) => a + communes[c].populationCount, 0),
      })),
    })),
    communes: { codes: communes.map((c) => c.code), tier: tierOf },
    ...timesReport(ctx.at, ctx.keys),
    saved,
  };
}
