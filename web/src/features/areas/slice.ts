import { defineSlice } from '../../state/workspace';
import type { AreaTab } from '../../lib/messages/areas';
import type {
  CalibrateResult, CalibrationFit, CustomerResult, DriveTimeResult, HuffParams, HuffResult, Scenario, StoresBody, WhatIfChange, WhatIfResult,
} from './api';

export type StoreRole = 'own' | 'competitor';

/**
 * Points of sale: a point layer (or FINESS health sites), each point own or competitor (all own, or from a column's
 * values, then by hand per point), attractiveness.
 */
export interface StoresForm {
  source: 'layer' | 'finess';
  layerId: string | null;
  /** FINESS sites: categories ticked (none: all) and départements typed ("78, 92"; blank: all). */
  finessCategories: string[];
  finessDepartementsText: string;
  /** FINESS sites: every site's role before the roles set by hand. */
  finessRole: StoreRole;
  /** Roles set by hand, by store key: override the rule (sent as the API's `roles`). */
  roles: Record<string, StoreRole>;
  roleMode: 'all-own' | 'column';
  /** 'category' (the layer's category column) or a category measure. */
  roleField: string | null;
  ownValues: string[];
  /** A number measure, or null for 1. */
  attractivenessMeasure: string | null;
}

/** What the store layer's points offer to the form: category columns with their values, number measures. */
export interface StoreLayerInfo {
  layerId: string;
  pointCount: number;
  categoryFields: { name: string; values: string[] }[];
  numberFields: string[];
  /** Per category field, its value of each point (to count own points before computing). */
  valuesOf: Record<string, string[]>;
  /** Each point's key (the API's store key) and name, in the order of `valuesOf`. */
  points: { key: string; name: string }[];
}

export interface CustomersForm { layerId: string | null; storeKeyField: string | null; valueMeasure: string | null }

export type WhatIfDraft = WhatIfChange & { label: string };

export interface AreasState {
  stores: StoresForm;
  storeLayer: StoreLayerInfo | null;
  /** FINESS sites matching the form's filters (POST /api/areas/stores), listed for the roles by hand; null until read. */
  finessPoints: { key: string; name: string }[] | null;
  tab: AreaTab;
  drive: { mode: 'overlapping' | 'exclusive'; breaksText: string; cutoffMin: number };
  customers: CustomersForm;
  customer: { thresholdsText: string; cutoffMin: number; excludeOutliers: boolean };
  huff: { gamma: number; decayKind: 'power' | 'exponential'; lambda: number; demand: 'population' | 'spending'; perInhabitantEur: number; incomeWeighted: boolean; cutoffMin: number };
  calibrateDecay: 'power' | 'exponential';
  /** Which calibrated fit was last applied to the Huff tab (said there). */
  appliedFit: 'mci' | 'ml' | null;
  whatIf: { changes: WhatIfDraft[]; scenarioName: string };
  results: { drive?: DriveTimeResult; customer?: CustomerResult; huff?: HuffResult; calibrate?: CalibrateResult; whatif?: WhatIfResult };
  busy: AreaTab | null;
  /** Zones (and the computed layer) saved from the result of a tab. */
  saved: { tab: AreaTab; zones: { id: string; name: string }[]; skippedEmpty: string[]; layerName: string | null } | null;
  scenarios: Scenario[] | null;
  /** Ids of the saved scenarios ticked for the side-by-side comparison (compare.ts). */
  compared: string[];
}

export const initialAreasState: AreasState = {
  stores: { source: 'layer', layerId: null, finessCategories: [], finessDepartementsText: '', finessRole: 'own', roles: {}, roleMode: 'column', roleField: null, ownValues: [], attractivenessMeasure: null },
  storeLayer: null,
  finessPoints: null,
  tab: 'huff',
  drive: { mode: 'overlapping', breaksText: '10, 20, 30', cutoffMin: 30 },
  customers: { layerId: null, storeKeyField: null, valueMeasure: null },
  customer: { thresholdsText: '50, 70, 80', cutoffMin: 90, excludeOutliers: false },
  huff: { gamma: 1, decayKind: 'power', lambda: 2, demand: 'population', perInhabitantEur: 2000, incomeWeighted: false, cutoffMin: 90 },
  calibrateDecay: 'power',
  appliedFit: null,
  whatIf: { changes: [], scenarioName: '' },
  results: {},
  busy: null,
  saved: null,
  scenarios: null,
  compared: [],
};

// ── pure helpers and updaters (state in, state out) ─────────────────────────

/** "78, 92 2a" → ['78', '92', '2A']; null when a code is not a département (2 digits, 2A/2B, 971–976). */
export function parseDepartements(text: string): string[] | null {
  const codes = text.split(/[;,\s]+/).filter(Boolean).map((c) => c.toUpperCase());
  return codes.every((c) => /^(\d{2}|2[AB]|97[1-6])$/.test(c)) ? [...new Set(codes)] : null;
}

/** The `stores` part of every request, or null while no layer is chosen (or no point is own: no value ticked, none by hand). */
export function storesBody(f: StoresForm): StoresBody | null {
  const roles = Object.keys(f.roles).length ? { roles: f.roles } : {};
  const byHandOwn = Object.values(f.roles).includes('own');
  if (f.source === 'finess') {
    const departements = parseDepartements(f.finessDepartementsText);
    if (!departements) return null;
    const finess = { ...(f.finessCategories.length ? { categories: f.finessCategories } : {}), ...(departements.length ? { departements } : {}) };
    return { sources: [{ finess, role: f.finessRole }], ...roles };
  }
  if (!f.layerId) return null;
  const fromColumn = f.roleField && f.ownValues.length ? { field: f.roleField, ownValues: f.ownValues } : byHandOwn ? ('competitor' as const) : null;
  const role = f.roleMode === 'all-own' ? ('own' as const) : fromColumn;
  if (!role) return null;
  return { sources: [{ layerId: f.layerId, role, ...(f.attractivenessMeasure ? { attractivenessMeasure: f.attractivenessMeasure } : {}) }], ...roles };
}

interface LayerPoint { key?: string; name?: string | null; category: string | null; measures: unknown }

/** Category fields (the category column, category measures) with their distinct values, and number measures. */
export function storeLayerInfo(layerId: string, measures: readonly { name: string; type?: string }[], points: readonly LayerPoint[]): StoreLayerInfo {
  const valuesOf: Record<string, string[]> = {};
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  if (points.some((p) => text(p.category))) valuesOf.category = points.map((p) => text(p.category));
  for (const m of measures) if (m.type === 'category') valuesOf[m.name] = points.map((p) => text((p.measures as Record<string, unknown> | null)?.[m.name]));
  const categoryFields = Object.entries(valuesOf).map(([name, vs]) => ({ name, values: [...new Set(vs.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr')) }));
  return { layerId, pointCount: points.length, categoryFields, numberFields: measures.filter((m) => m.type === 'number').map((m) => m.name), valuesOf,
    points: points.map((p, i) => ({ key: p.key ?? String(i), name: p.name || p.key || String(i) })) };
}

/** A guess a user confirms: the field whose values say "propre"/"own" (else the first), those values as own. */
export function guessRole(info: StoreLayerInfo): Pick<StoresForm, 'roleMode' | 'roleField' | 'ownValues'> {
  const OWN = /^(propre|own|nous|interne|oui)$/i;
  const field = info.categoryFields.find((f) => f.values.some((v) => OWN.test(v))) ?? null;
  if (!field) return { roleMode: info.categoryFields.length ? 'column' : 'all-own', roleField: info.categoryFields[0]?.name ?? null, ownValues: [] };
  return { roleMode: 'column', roleField: field.name, ownValues: field.values.filter((v) => OWN.test(v)) };
}

/** Each point's role by the rule (all own, or its column value ticked), before the roles set by hand. */
export function ruleRoles(f: StoresForm, info: StoreLayerInfo): StoreRole[] {
  if (f.roleMode === 'all-own') return info.points.map(() => 'own');
  const values = f.roleField ? info.valuesOf[f.roleField] ?? [] : [];
  const own = new Set(f.ownValues);
  return info.points.map((_, i) => (own.has(values[i] ?? '') ? 'own' : 'competitor'));
}

/** Each point's role as the API will set it: by hand where set, else by the rule. */
export const pointRoles = (f: StoresForm, info: StoreLayerInfo): StoreRole[] => ruleRoles(f, info).map((r, i) => f.roles[info.points[i].key] ?? r);

/** How many points the form makes own (all, or those whose column value is ticked; then the roles set by hand). */
export function ownCount(f: StoresForm, info: StoreLayerInfo | null): number {
  if (!info) return 0;
  return pointRoles(f, info).filter((r) => r === 'own').length;
}

/** A role set by hand; set back to the rule's role, it is dropped (the rule decides again). */
export function withRole(f: StoresForm, key: string, role: StoreRole, ruleRole: StoreRole): StoresForm {
  const { [key]: _old, ...roles } = f.roles;
  return { ...f, roles: role === ruleRole ? roles : { ...roles, [key]: role } };
}

/** Points whose name or key holds the filter (case and accents ignored), with their index. */
export function filterPoints(points: readonly { key: string; name: string }[], filter: string) {
  const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const f = fold(filter.trim());
  return points.map((p, i) => ({ ...p, index: i })).filter((p) => !f || fold(p.name).includes(f) || fold(p.key).includes(f));
}

/**
 * "10, 20, 30" → [10, 20, 30] (sorted, distinct), null when a value is outside [min, max] or there are none / too many.
 * Commas separate values as in the isochrone tool; a decimal takes a point ("7.5").
 */
export function parseNumberList(text: string, min: number, max: number, maxCount: number): number[] | null {
  const parts = text.split(/[;,\s]+/).filter(Boolean);
  const values = parts.map(Number);
  if (!values.length || values.length > maxCount || values.some((v) => !Number.isFinite(v) || v < min || v > max)) return null;
  return [...new Set(values)].sort((a, b) => a - b);
}

export const huffParams = (h: AreasState['huff']): HuffParams => ({ gamma: h.gamma, decay: { kind: h.decayKind, lambda: h.lambda } });

/** « Appliquer »: the fitted γ, λ and decay become the Huff tab's parameters, and the Huff tab opens. */
export function applyFit(s: AreasState, fit: CalibrationFit): AreasState {
  const { gamma, decay } = fit.params;
  if (gamma === null || decay.lambda === null) return s;
  return { ...s, tab: 'huff', appliedFit: fit.method, huff: { ...s.huff, gamma, lambda: decay.lambda, decayKind: decay.kind } };
}

/** A candidate site clicked on the map (own, attractiveness given), appended to the what-if changes. */
export function withCandidate(s: AreasState, lonLat: [number, number], name: string, attractiveness: number): AreasState {
  const at: [number, number] = [Math.round(lonLat[0] * 1e6) / 1e6, Math.round(lonLat[1] * 1e6) / 1e6];
  const change: WhatIfDraft = { action: 'add', name, at, role: 'own', attractiveness, label: name };
  return { ...s, whatIf: { ...s.whatIf, changes: [...s.whatIf.changes, change] } };
}

export const withChange = (s: AreasState, change: WhatIfDraft): AreasState => ({ ...s, whatIf: { ...s.whatIf, changes: [...s.whatIf.changes, change] } });

/** A store moved to a clicked point (the API's { action: 'move', key, at }). */
export function withMove(s: AreasState, key: string, lonLat: [number, number], label: string): AreasState {
  const at: [number, number] = [Math.round(lonLat[0] * 1e6) / 1e6, Math.round(lonLat[1] * 1e6) / 1e6];
  return withChange(s, { action: 'move', key, at, label });
}

export const withoutChange = (s: AreasState, index: number): AreasState => ({ ...s, whatIf: { ...s.whatIf, changes: s.whatIf.changes.filter((_, i) => i !== index) } });

/** The what-if changes as the API takes them (labels are the panel's own). */
export const changesBody = (changes: readonly WhatIfDraft[]): WhatIfChange[] => changes.map(({ label: _label, ...c }) => c as WhatIfChange);

/** Candidate sites of the what-if (drawn on the map before and after computing). */
export const candidates = (s: AreasState) =>
  s.whatIf.changes.flatMap((c) => (c.action === 'add' && Array.isArray(c.at) ? [{ name: c.label, lonLat: c.at as [number, number] }] : []));

/** Stores moved in the what-if, with their new place (drawn on the map: old place hollow, a line to the new one). */
export const moves = (s: AreasState) =>
  s.whatIf.changes.flatMap((c) => (c.action === 'move' && Array.isArray(c.at) ? [{ key: c.key, to: c.at as [number, number] }] : []));

/** Rows sorted by a number, largest first; the first `n` unless all are asked. */
export function topRows<T>(rows: readonly T[], value: (r: T) => number | null, n: number, all = false): T[] {
  const sorted = [...rows].sort((a, b) => (value(b) ?? -Infinity) - (value(a) ?? -Infinity));
  return all ? sorted : sorted.slice(0, n);
}

/** Ratios 0–1 as percentages for the map (null stays null: no reachable store is said, never 0 %). */
export const percentValues = (ratios: readonly (number | null)[]) => ratios.map((r) => (r === null ? null : Math.round(r * 1000) / 10));

/** The areas slice of the one store (state/workspace.ts). */
export const areasStore = defineSlice('areas', initialAreasState);

export const slice = { key: 'areas' as const, initial: initialAreasState, store: areasStore, applyFit, withCandidate, withChange, withoutChange };
