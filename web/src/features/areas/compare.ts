import type { Scenario } from './api';

/**
 * Saved what-if scenarios side by side (pure): per scenario the own network's demand before → after, the demand it
 * captured from competitors and the demand moved between own stores (cannibalised); per store, its change in each.
 * A scenario saved without its per-store rows (older saves) shows « — » there, never 0.
 */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;

export interface ScenarioRow {
  key: string;
  name: string;
  role: string;
  change: string;
  baseDemand: number;
  newDemand: number;
  deltaDemand: number;
  capturedFromCompetitors: number;
  cannibalisedFromOwn: number;
}

export interface ScenarioColumn {
  id: string;
  name: string;
  createdAt: string;
  ownBase: number | null;
  ownAfter: number | null;
  ownDelta: number | null;
  /** Own stores' net gain from competitors (null without per-store rows). */
  capturedFromCompetitors: number | null;
  /** Demand that moved from own stores to other own stores (the gains' side; null without per-store rows). */
  cannibalisedFromOwn: number | null;
  unit: string | null;
  demandLabel: string | null;
  synthetic: boolean;
  rows: ScenarioRow[] | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (x: number) => Math.round(x * 100) / 100;

function rowsOf(summary: Record<string, unknown>): ScenarioRow[] | null {
  const rows = summary.changedRows;
  if (!Array.isArray(rows)) return null;
  return rows.filter((r): r is ScenarioRow => typeof r === 'object' && r !== null && typeof (r as ScenarioRow).key === 'string');
}

export function scenarioColumn(s: Scenario): ScenarioColumn {
  const summary = (s.summary ?? {}) as Record<string, unknown>;
  const rows = rowsOf(summary);
  const own = rows?.filter((r) => r.role === 'own') ?? null;
  return {
    id: s.id, name: s.name, createdAt: s.createdAt,
    ownBase: num(summary.ownNetworkBase), ownAfter: num(summary.ownNetworkNew), ownDelta: num(summary.ownNetworkDelta),
    capturedFromCompetitors: own ? round(own.reduce((a, r) => a + (num(r.capturedFromCompetitors) ?? 0), 0)) : null,
    cannibalisedFromOwn: own ? round(own.reduce((a, r) => a + Math.max(0, num(r.cannibalisedFromOwn) ?? 0), 0)) : null,
    unit: typeof summary.unit === 'string' ? summary.unit : null,
    demandLabel: typeof summary.demandLabel === 'string' ? summary.demandLabel : null,
    synthetic: summary.synthetic === true,
    rows,
  };
}

export interface StoreChangeRow {
  key: string;
  name: string;
  role: string;
  /** Per compared scenario: the store's demand change, its kind of change; null where that scenario has no row. */
  cells: ({ deltaDemand: number; change: string } | null)[];
}

/**
 * Stores changed in any compared scenario, largest change first. A store missing from a scenario that has rows did
 * not change there (0), unless it is a candidate site opened elsewhere (null); a scenario without rows gives null.
 */
export function storeChanges(columns: readonly ScenarioColumn[]): StoreChangeRow[] {
  const stores = new Map<string, { name: string; role: string }>();
  // a candidate site exists only in the scenarios that open it: elsewhere « — », not 0
  const added = new Set(columns.flatMap((c) => (c.rows ?? []).filter((r) => r.change === 'add').map((r) => r.key)));
  for (const c of columns) for (const r of c.rows ?? []) if (!stores.has(r.key)) stores.set(r.key, { name: r.name, role: r.role });
  const rows = [...stores].map(([key, { name, role }]) => ({
    key, name, role,
    cells: columns.map((c) => {
      if (!c.rows) return null;
      const r = c.rows.find((x) => x.key === key);
      if (r) return { deltaDemand: r.deltaDemand, change: r.change };
      return added.has(key) ? null : { deltaDemand: 0, change: 'none' };
    }),
  }));
  const size = (r: StoreChangeRow) => Math.max(...r.cells.map((c) => Math.abs(c?.deltaDemand ?? 0)));
  return rows.sort((a, b) => size(b) - size(a) || a.name.localeCompare(b.name, 'fr'));
}

/** Ticks a scenario (at most MAX_COMPARED: the oldest tick drops) or unticks it. */
export function toggleCompared(ids: readonly string[], id: string): string[] {
  if (ids.includes(id)) return ids.filter((x) => x !== id);
  return [...ids, id].slice(-MAX_COMPARED);
}
