/**
 * Trade areas (zones de chalandise) — shared types of the pure domain (issue 14).
 *
 * Layout convention used everywhere here: a store × commune table is one flat typed array, row-major by store:
 * `value[s * communeCount + c]`. Store indices `s` are 0…storeCount-1 in the order the caller chose (the service
 * keeps the mapping to layer rows); commune indices `c` are 0…communeCount-1 (the service keeps the COG codes).
 * Times are SECONDS in data, MINUTES inside the decay function (λ is per minute for the exponential decay).
 */
/** Drive times store × commune, seconds, row-major by store: sec[s * communeCount + c]; NaN = unreachable or beyond cut-off. */
import { DomainInputError } from '../common/input-error.js';
export interface StoreTimes { storeCount: number; communeCount: number; sec: Float32Array }

/**
 * The same table, sparse (sparse.ts): CSR by store — the cells of store s are offsets[s] … offsets[s+1]−1, each a
 * commune index (ascending within a store) and its time in seconds; a pair absent is unreachable or beyond the cut-off.
 */
export interface SparseStoreTimes { storeCount: number; communeCount: number; offsets: Int32Array; commune: Int32Array; sec: Float32Array }

/** Either form: the models accept both. */
export type AnyStoreTimes = StoreTimes | SparseStoreTimes;

/**
 * Distance decay f(t), t in MINUTES: power f = t^-λ (Huff 1963), exponential f = exp(-λ t) (Wilson 1971).
 */
export type Decay = { kind: 'power'; lambda: number } | { kind: 'exponential'; lambda: number };

export interface HuffParams {
  /** exponent on attractiveness A^γ */
  gamma: number;
  decay: Decay;
  /** times below this count as this (power decay at t=0), default 1 min */
  minTimeMin?: number;
}

export interface HuffResult extends HuffTotals {
  /** P(commune c → store s), same layout as StoreTimes.sec; 0 where unreachable; each reachable commune sums to 1 */
  prob: Float32Array;
}

/** Huff on a sparse table (huffSparse): the probabilities laid out as its cells (prob[k] for times.commune[k]). */
export interface SparseHuffResult extends HuffTotals {
  times: SparseStoreTimes;
  prob: Float32Array;
}

export interface HuffTotals {
  /** expected demand captured per store (Σ_c P·demand_c) */
  expectedDemand: Float64Array;
  /** share of the total reachable demand per store */
  marketShareRatio: Float64Array;
  /** per commune: Σ over own stores of P (own network share), NaN where no store reachable */
  ownShareRatio: Float64Array;
  /** demand of communes with no reachable store (said, not invented) */
  unreachedDemand: number;
}

/** Bounds of the model parameters; the service says them in its 400s. */
export const PARAM_BOUNDS = { gamma: [0.05, 5], powerLambda: [0.1, 6], expLambda: [0.001, 2] } as const;

/** Observed customers (or a measure) per (store, commune). Rows may repeat: they are summed. */
export interface ObservedFlows { store: Int32Array; commune: Int32Array; count: Float64Array }

export interface CalibrationFit {
  method: 'mci' | 'ml';
  gamma: number;
  lambda: number;
  decayKind: Decay['kind'];
  /** MCI: R² of the log-centred regression (no intercept, uncentred R²) */
  r2?: number;
  /** ML: Σ obs·log P at the optimum */
  logLikelihood?: number;
  /** ML: McFadden 1 − LL/LL0, LL0 = equal probabilities over reachable stores */
  pseudoR2?: number;
  /** (store, commune) pairs with a reachable time in the fit (MCI: pairs with obs > 0) */
  pairCount: number;
  iterations?: number;
  /** per store: observed share of all observed customers (in reachable pairs) */
  observedShare: Float64Array;
  /** per store: predicted share with the fitted model, communes weighted by their observed totals */
  predictedShare: Float64Array;
  /** per commune observed - predicted own share, NaN if no obs (see residualKind) */
  residual: Float64Array;
  /** 'ownShare' when opts.own was given; else 'nearestStoreShare': share of the commune's nearest choice store */
  residualKind: 'ownShare' | 'nearestStoreShare';
  /** γ could not be estimated (attractiveness constant over the choice sets): γ = 1, only λ fitted */
  gammaFixed: boolean;
  /** parameters that stopped on a bound of PARAM_BOUNDS (the fit was clamped there) */
  atBound: ('gamma' | 'lambda')[];
  /** observed count left out: store not in the choice set or not reachable from the commune (beyond the cut-off) */
  excludedCount: number;
  /** observed count in the fit */
  includedCount: number;
  /** what the user should know about this fit, in French (sparse data for MCI, bounds, fixed γ, left-out customers) */
  warnings: string[];
}

/** Options of both calibrations. */
export interface CalibrationOptions {
  /**
   * Stores that can be chosen (1) — by default the stores with at least one observed customer. Under Huff's IIA,
   * fitting on the user's own stores and own customers only still estimates γ, λ of the whole market.
   */
  choiceSet?: Uint8Array;
  /** own stores (1): the residual is then the own-network share per commune */
  own?: Uint8Array;
  /** floor of the power decay, minutes (default 1, as huff()) */
  minTimeMin?: number;
  /** MCI only: 'wls' (default, weights n_ij) or 'ols' (textbook unweighted) */
  mciWeighting?: 'wls' | 'ols';
}

/** Customer-derived areas: per store, communes ranked by value until each threshold share is reached. */
export interface CustomerAreaTier {
  thresholdRatio: number;
  /** commune indices, by decreasing value, the smallest set whose value reaches thresholdRatio of the store's total */
  communeIdx: number[];
  /** share actually covered (≥ thresholdRatio, or < it only when the whole store total is covered) */
  valueShareRatio: number;
}

export interface CustomerAreasResult {
  perStore: {
    tiers: CustomerAreaTier[];
    /** share of the store's value in communes beyond cutoffSec or unreachable (0 without a cut-off) */
    beyondCutoffRatio: number;
    /** communes left out as outliers (excludeOutliers), and their share of the store's value */
    outlierCount: number;
    outlierValueRatio: number;
    /** the store's whole observed value (customers or the measure), before any exclusion */
    totalValue: number;
  }[];
}

/** What-if: base and changed Huff results → per store change, split into captured (from competitors) and cannibalised (from own). */
export interface WhatIfDelta {
  /** rows: index in the changed set, one row per changed store; then one row per closed base store, with -1 */
  store: Int32Array;
  /** base store index for each row (-1 for an added store) */
  baseStore: Int32Array;
  baseDemand: Float64Array;
  newDemand: Float64Array;
  /** demand this row exchanged with competitor stores: > 0 gained from them, < 0 lost to them (see what-if.ts) */
  capturedFromCompetitors: Float64Array;
  /** demand this row exchanged with own stores other than itself: > 0 gained from them, < 0 lost to them */
  cannibalisedFromOwn: Float64Array;
  /** demand of communes no store reached before (negative: left unreached after a closure) */
  fromUnreached: Float64Array;
  /** totals over communes: base own network, changed own network */
  ownNetworkBase: number;
  ownNetworkNew: number;
}

export type AreaErrorCode = 'TOO_FEW_PAIRS' | 'SINGULAR_DESIGN' | 'PARAM_OUT_OF_BOUNDS' | 'BAD_INPUT';

/** Thrown by the areas domain; the service maps it to a 400 `{ code, message, details: { field } }`. */
export class AreaInputError extends DomainInputError<AreaErrorCode> {}

