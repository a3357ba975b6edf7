import { defineSlice } from '../../state/workspace';
import type { CompareResult, Kpis, OptimiseBody, PlanSummary, PlanVersion, RunState } from './api';
import { SECTORS as M, dec, int, minutes, pct } from './messages';

export interface OptimiseForm { tolerancePct: number; contiguity: boolean; minimalDisruption: boolean; chooseBases: boolean }

export interface SectorsState {
  plans: PlanSummary[] | null;
  planId: string | null;
  /** The version shown (KPIs, map, export). */
  shown: PlanVersion | null;
  busy: 'plans' | 'plan' | 'import' | 'optimise' | 'compare' | null;
  /** A refused CSV: the API's message and its rows (1-based file lines). */
  importReport: { message: string; rows: { row: number; field: string; value: string; reason: string }[] } | null;
  form: OptimiseForm;
  run: Pick<RunState, 'runId' | 'phaseLabel' | 'progressRatio'> | null;
  /** The last finished optimisation: what moved, the gap, the balance before → after. */
  outcome: { version: number; movedCount: number; gapRatio: number | null; statusLabel: string; before: number | null; after: number | null } | null;
  /** 422 INFEASIBLE_BALANCE: the message and the tightest tolerance the solver found. */
  infeasible: { message: string; tightestToleranceRatio: number | null } | null;
  compareWith: number | null;
  compare: CompareResult | null;
}

export const initialSectorsState: SectorsState = {
  plans: null, planId: null, shown: null, busy: null, importReport: null,
  form: { tolerancePct: 10, contiguity: true, minimalDisruption: false, chooseBases: false },
  run: null, outcome: null, infeasible: null, compareWith: null, compare: null,
};

// ── pure helpers ─────────────────────────────────────────────

/** POST optimise from the form; null when the tolerance is not a percentage in [0, 100]. */
export function optimiseBody(f: OptimiseForm, fromVersion: number): OptimiseBody | null {
  if (!Number.isFinite(f.tolerancePct) || f.tolerancePct < 0 || f.tolerancePct > 100) return null;
  return {
    fromVersion, toleranceRatio: Math.round(f.tolerancePct * 100) / 10_000, contiguity: f.contiguity, minimalDisruption: f.minimalDisruption,
    ...(f.chooseBases ? { chooseBases: true } : {}),
  };
}

/** The tolerance in percent the form shows for a ratio the API proposed (rounded up to 0.1 %: still feasible). */
export const tolerancePctOf = (ratio: number) => Math.ceil(Math.round(ratio * 1e7) / 1e4) / 10;

/** One row of the KPI table, every figure in French. */
export interface KpiRow { key: string; name: string; owner: string | null; communes: string; workload: string; population: string; meanTime: string; maxTime: string; /** « 4 / 11 min »: mean / max, one column in a narrow panel. */ times: string; contiguity: string; contiguous: boolean; hasBase: boolean }

/** Mean / max drive time in whole minutes up, one unit: « 4 / 11 min »; « — » when there is no drive time. */
export function timesPair(meanSec: number | null, maxSec: number | null): string {
  if (meanSec === null || maxSec === null || !Number.isFinite(meanSec) || !Number.isFinite(maxSec)) return '—';
  return `${int(Math.ceil(meanSec / 60))} / ${minutes(maxSec)}`;
}

export function kpiRows(k: Pick<Kpis, 'sectors'>): KpiRow[] {
  return k.sectors.map((s) => ({
    key: s.key, name: s.name, owner: s.owner ?? null,
    communes: int(s.communeCount), workload: Number.isInteger(s.workload) ? int(s.workload) : dec(s.workload, 1), population: int(s.populationCount),
    meanTime: minutes(s.meanDurationSec), maxTime: minutes(s.maxDurationSec), times: timesPair(s.meanDurationSec, s.maxDurationSec), contiguity: M.pieces(s.pieceCount), contiguous: s.contiguous,
    hasBase: !!s.base && !(s.base as { reason?: string | null }).reason && !!(s.base as { communeCode?: string | null }).communeCode,
  }));
}

/** The plan-level balance in French: max deviation from the mean, max / min ratio, the mean. */
export function balanceFigures(k: Pick<Kpis, 'balance'>) {
  const b = k.balance;
  return { maxDeviation: pct(b.workloadMaxDeviationRatio), maxMin: b.workloadMaxMinRatio === null ? '—' : dec(b.workloadMaxMinRatio, 2), mean: dec(b.workloadMean, 1) };
}

/**
 * Sector colours on the map: ColorBrewer Set2 then Dark2 (distinct, readable under black labels); sector k takes
 * colour k (beyond, reused: said in the legend). A sector's own colour, when set, wins.
 */
export const SECTOR_PALETTE = ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e'];

/** The palette with each sector's own colour in its place. */
export const paletteOf = (sectors: readonly { colour?: string | null }[]) =>
  sectors.length <= SECTOR_PALETTE.length ? sectors.map((s, i) => s.colour || SECTOR_PALETTE[i]) : SECTOR_PALETTE;

/** Per commune code its sector's index (the map's categorical values). */
export function sectorValues(v: Pick<PlanVersion, 'sectors' | 'assignments'>): { codes: string[]; values: number[] } {
  const index = new Map(v.sectors.map((s, i) => [s.key, i]));
  const rows = v.assignments.filter((a) => index.has(a.sectorKey));
  return { codes: rows.map((a) => a.communeCode), values: rows.map((a) => index.get(a.sectorKey)!) };
}

/** The versions other than the shown one, newest first (the compare picker). */
export const otherVersions = (v: Pick<PlanVersion, 'version' | 'versions'> | null) =>
  (v?.versions ?? []).map((x) => x.version).filter((n) => n !== v?.version).sort((a, b) => b - a);

/** The sectors slice of the one store (state/workspace.ts). */
export const sectorsStore = defineSlice('sectors', initialSectorsState);

export const slice = { key: 'sectors' as const, initial: initialSectorsState, store: sectorsStore };
