import { defineSlice } from '../../state/workspace';
import type { BasinTab, DecayKind, FlowUnit } from '../../lib/messages/basins';
import { parseDepartements, parseNumberList } from '../areas/slice';
import type {
  AccessibilityBody, AccessibilityResult, ActorsBody, BasinSources, DecayBody, FlowBasin, FlowsBody, FlowsCompareResult, FlowsResult, NearestBody, NearestResult,
} from './api';

/** Where the supply (accessibility) or the actors (time to the nearest) come from. */
export type SupplyKind = 'gp' | 'layer' | 'finess';
export type ActorKind = string; // an actor set id ('maternity', 'gp', …), 'finess' or 'layer'

export interface AccessForm {
  supply: SupplyKind;
  layerId: string | null;
  /** A number measure of the layer; null: 1 per point. */
  measure: string | null;
  finessCategories: string[];
  finessDepartementsText: string;
  catchmentMin: number;
  decay: DecayKind;
  /** The three editable steps (E2SFCA): upper bounds in minutes and weights. */
  stepsUpperMin: number[];
  stepsWeights: number[];
  /** Consultations per GP per year; null: counts per 100,000 inhabitants. */
  activityPerSupply: number | null;
  underServedThreshold: number | null;
}

export interface NearestForm { actors: ActorKind; layerId: string | null; finessCategories: string[]; finessDepartementsText: string; cutoffMin: number; thresholdsText: string }

export type BasinSortKey = 'label' | 'communeCount' | 'populationCount' | 'stays' | 'localizationRatio' | 'mainUnitShareRatio' | 'leakageRatio';

export interface FlowsForm {
  dataset: string | null;
  unit: FlowUnit;
  minLocalizationRatio: number;
  minStays: number;
  contiguity: boolean;
  /** Another dataset (year) to compare the basins with; null: none. */
  compareWith: string | null;
  sort: { key: BasinSortKey; desc: boolean };
}

export interface BasinsState {
  tab: BasinTab;
  sources: BasinSources | null;
  access: AccessForm;
  nearest: NearestForm;
  flows: FlowsForm;
  results: { access?: AccessibilityResult; nearest?: NearestResult; flows?: FlowsResult; compare?: FlowsCompareResult };
  busy: BasinTab | 'compare' | null;
  /** What was saved from a tab's result: an indicator (now in the map's chooser) and/or zones (in the Zones list). */
  saved: { tab: BasinTab; indicator: { id: string; label: string } | null; zones: { id: string; name: string }[] } | null;
}

export const DEFAULT_STEPS = { upperMin: [10, 15, 20], weights: [1, 0.6667, 0.3333] };

export const initialBasinsState: BasinsState = {
  tab: 'access',
  sources: null,
  access: {
    supply: 'gp', layerId: null, measure: null, finessCategories: [], finessDepartementsText: '', catchmentMin: 30, decay: 'steps',
    stepsUpperMin: DEFAULT_STEPS.upperMin, stepsWeights: DEFAULT_STEPS.weights, activityPerSupply: null, underServedThreshold: null,
  },
  nearest: { actors: 'maternity', layerId: null, finessCategories: [], finessDepartementsText: '', cutoffMin: 90, thresholdsText: '30, 45' },
  flows: { dataset: null, unit: 'establishment', minLocalizationRatio: 0.5, minStays: 1000, contiguity: true, compareWith: null, sort: { key: 'populationCount', desc: true } },
  results: {},
  busy: null,
  saved: null,
};

// ── pure helpers (state in, request body / table out) ─────────────────────

export type Built<T> = { body: T; error?: undefined } | { body?: undefined; error: 'badCatchment' | 'badSteps' | 'needLayer' | 'badDepartements' | 'badThresholds' };

/** The decay as the API takes it; null when the steps are not increasing within the catchment or a weight is outside [0, 1]. */
export function decayBody(f: Pick<AccessForm, 'decay' | 'stepsUpperMin' | 'stepsWeights' | 'catchmentMin'>): DecayBody | null {
  if (f.decay !== 'steps') return { kind: f.decay };
  const { stepsUpperMin: upperMin, stepsWeights: weights } = f;
  const increasing = upperMin.every((u, i) => Number.isFinite(u) && u > 0 && u <= f.catchmentMin && (i === 0 || u > upperMin[i - 1]));
  const weightsOk = weights.length === upperMin.length && weights.every((w) => Number.isFinite(w) && w >= 0 && w <= 1);
  return increasing && weightsOk ? { kind: 'steps', upperMin: [...upperMin], weights: [...weights] } : null;
}

const finessPart = (categories: string[], departementsText: string) => {
  const departements = parseDepartements(departementsText);
  if (!departements) return null;
  return { ...(categories.length ? { categories } : {}), ...(departements.length ? { departements } : {}) };
};

const catchmentOk = (m: number) => Number.isFinite(m) && m > 0 && m <= 180;

/** POST /api/basins/accessibility from the form (sensitivity asked), or the form's first error. */
export function accessBody(f: AccessForm, save?: string): Built<AccessibilityBody> {
  if (!catchmentOk(f.catchmentMin)) return { error: 'badCatchment' };
  const decay = decayBody(f);
  if (!decay) return { error: 'badSteps' };
  let supply: AccessibilityBody['supply'];
  if (f.supply === 'gp') supply = { source: 'gp' };
  else if (f.supply === 'layer') {
    if (!f.layerId) return { error: 'needLayer' };
    supply = { source: 'layer', layerId: f.layerId, ...(f.measure ? { measure: f.measure } : {}) };
  } else {
    const finess = finessPart(f.finessCategories, f.finessDepartementsText);
    if (!finess) return { error: 'badDepartements' };
    supply = { source: 'finess', ...finess };
  }
  return {
    body: {
      supply, catchmentMin: f.catchmentMin, decay, sensitivity: true,
      ...(f.activityPerSupply && f.activityPerSupply > 0 ? { activityPerSupply: f.activityPerSupply } : {}),
      ...(f.underServedThreshold !== null && f.underServedThreshold >= 0 ? { underServedThreshold: f.underServedThreshold } : {}),
      ...(save ? { save: { name: save } } : {}),
    },
  };
}

/** POST /api/basins/nearest from the form, or the form's first error. */
export function nearestBody(f: NearestForm, save?: { name: string; zones: boolean }): Built<NearestBody> {
  if (!catchmentOk(f.cutoffMin)) return { error: 'badCatchment' };
  const thresholdsMin = parseNumberList(f.thresholdsText, 5, 180, 4);
  if (!thresholdsMin) return { error: 'badThresholds' };
  let actors: ActorsBody;
  if (f.actors === 'layer') {
    if (!f.layerId) return { error: 'needLayer' };
    actors = { source: 'layer', layerId: f.layerId };
  } else if (f.actors === 'finess') {
    const finess = finessPart(f.finessCategories, f.finessDepartementsText);
    if (!finess) return { error: 'badDepartements' };
    actors = { source: 'finess', ...finess };
  } else if (f.actors === 'gp' || f.actors === 'maternity') actors = { set: f.actors };
  else return { error: 'needLayer' };
  return { body: { actors, cutoffMin: f.cutoffMin, thresholdsMin, ...(save ? { save } : {}) } };
}

/** What the sources offer as a supply or actors: the BPE GPs, point layers (with their number measures), FINESS categories. */
export function supplyChoices(sources: BasinSources | null) {
  const all = sources?.supplies ?? [];
  return {
    gp: all.flatMap((x) => (x.source === 'gp' && 'pointCount' in x && !('layerId' in x) ? [x] : []))[0] ?? null,
    layers: all.flatMap((x) => ('layerId' in x ? [x] : [])),
    finess: all.flatMap((x) => ('categories' in x ? [x] : []))[0] ?? null,
  };
}

/** POST /api/basins/flows from the form. */
export const flowsBody = (f: FlowsForm, save?: string): FlowsBody => ({
  ...(f.dataset ? { dataset: f.dataset } : {}), unit: f.unit, minLocalizationRatio: f.minLocalizationRatio, minStays: f.minStays, contiguity: f.contiguity,
  ...(save ? { save: { name: save } } : {}),
});

/** The basins table sorted by a column (labels in French order); ties keep the API's order. */
export function sortBasins(basins: readonly FlowBasin[], sort: FlowsForm['sort']): FlowBasin[] {
  const dir = sort.desc ? -1 : 1;
  return basins
    .map((b, i) => ({ b, i }))
    .sort((x, y) => {
      const c = sort.key === 'label' ? x.b.label.localeCompare(y.b.label, 'fr') : (x.b[sort.key] as number) - (y.b[sort.key] as number);
      return c * dir || x.i - y.i;
    })
    .map(({ b }) => b);
}

/** A click on a column head: the same column flips its order; another sorts by it (text A→Z, numbers largest first). */
export const nextSort = (sort: FlowsForm['sort'], key: BasinSortKey): FlowsForm['sort'] => (sort.key === key ? { key, desc: !sort.desc } : { key, desc: key !== 'label' });

/**
 * Basin colours on the map: pastel fills (ColorBrewer Set3 without its grey, which reads as « no value »), black
 * labels stay readable over each. Basins are coloured in the order of their size, so the largest ones, which
 * touch the most others, get distinct colours; beyond the palette colours are reused (said in the legend).
 */
export const BASIN_PALETTE = ['#8dd3c7', '#fdb462', '#bebada', '#fb8072', '#80b1d3', '#b3de69', '#fccde5', '#ffed6f', '#bc80bd', '#ccebc5', '#e5c494', '#66c2a5'];

/** Colour index of each basin (by basin id): the basins by population, largest first, take the palette in turn. */
export function basinColorIndex(basins: readonly FlowBasin[]): Map<number, number> {
  const byPopulation = [...basins].sort((a, b) => b.populationCount - a.populationCount || a.id - b.id);
  return new Map(byPopulation.map((b, k) => [b.id, k % BASIN_PALETTE.length]));
}

/** Per commune its basin's colour index (the map's categorical values); -1 (no basin) → null, never a colour. */
export function basinValues(result: Pick<FlowsResult, 'basins' | 'communes'>): (number | null)[] {
  const colorOf = basinColorIndex(result.basins);
  return result.communes.basin.map((b) => (b < 0 ? null : colorOf.get(b) ?? null));
}

/**
 * Saved zones matched to their basin (a basin row can then open its zone's profile): by name (the zone's name holds
 * the basin's label, the longest label wins), else in order when there is one zone per basin.
 */
export function zonesByBasin(basins: readonly Pick<FlowBasin, 'id' | 'label'>[], zones: readonly { id: string; name: string }[]): Map<number, { id: string; name: string }> {
  const out = new Map<number, { id: string; name: string }>();
  const byLength = [...basins].sort((a, b) => b.label.length - a.label.length);
  for (const z of zones) {
    const b = byLength.find((x) => x.label && z.name.includes(x.label) && !out.has(x.id));
    if (b) out.set(b.id, z);
  }
  if (!out.size && zones.length === basins.length) basins.forEach((b, i) => out.set(b.id, zones[i]));
  return out;
}

/** Seconds to whole minutes up (null stays null: off network is never 0 min). */
export const minutesUp = (sec: readonly (number | null)[]) => sec.map((s) => (s === null ? null : Math.ceil(s / 60)));

/** The basins slice of the one store (state/workspace.ts). */
export const basinsStore = defineSlice('basins', initialBasinsState);

export const slice = { key: 'basins' as const, initial: initialBasinsState, store: basinsStore };
