import type { Indicator } from '../../api/client';
import { handleError, indicatorProviders, notify, openCommune } from '../../state/actions';
import { workspace } from '../../state/workspace';
import { BASINS as M, type BasinTab } from '../../lib/messages/basins';
import { loadZones, openZone } from '../zones/actions';
import { basinsApi } from './api';
import {
  BASIN_PALETTE, accessBody, basinColorIndex, basinValues, basinsStore, flowsBody, minutesUp, nearestBody, nextSort,
  type BasinSortKey, type BasinsState, type Built,
} from './slice';

export function setBasins(patch: Partial<BasinsState> | ((s: BasinsState) => BasinsState)) {
  basinsStore.set(patch);
}
const patch = <K extends 'access' | 'nearest' | 'flows'>(key: K, value: Partial<BasinsState[K]>) =>
  setBasins((s) => ({ ...s, [key]: { ...s[key], ...value } }));
export const setAccess = (v: Partial<BasinsState['access']>) => patch('access', v);
export const setNearest = (v: Partial<BasinsState['nearest']>) => patch('nearest', v);
export const setFlows = (v: Partial<BasinsState['flows']>) => patch('flows', v);
export const sortBy = (key: BasinSortKey) => setFlows({ sort: nextSort(basinsStore.get().flows.sort, key) });
export const setTab = (tab: BasinTab) => (setBasins({ tab }), showOnMap(tab));

let sourcesAsked = false;
/** Once: what can be computed (supplies, actor sets, flow datasets) and the API's defaults. */
export async function loadSources() {
  if (sourcesAsked) return;
  sourcesAsked = true;
  try {
    const sources = await basinsApi.sources();
    const firstDataset = sources.flowDatasets[0]?.id ?? null;
    setBasins((s) => ({
      ...s, sources,
      flows: { ...s.flows, dataset: s.flows.dataset ?? firstDataset },
      nearest: { ...s.nearest, actors: sources.actorSets.some((a) => a.id === s.nearest.actors) || s.nearest.actors === 'layer' ? s.nearest.actors : sources.actorSets[0]?.id ?? 'finess' },
    }));
  } catch (e) {
    sourcesAsked = false;
    handleError(e);
  }
}

const FORM_ERRORS: Record<NonNullable<Built<unknown>['error']>, string> = {
  badCatchment: M.access.badCatchment, badSteps: M.access.badSteps, needLayer: M.supply.needLayer,
  badDepartements: M.supply.badDepartements, badThresholds: M.nearest.badThresholds,
};
const bodyOf = <T,>(built: Built<T>): T | null => (built.error ? (notify(FORM_ERRORS[built.error]), null) : built.body!);

/** Runs a tab's request (busy meanwhile), keeps its result, shows it on the map; `saved` then lists what was saved. */
async function run<K extends BasinTab>(tab: K, request: () => Promise<NonNullable<BasinsState['results'][K]>> | null, saving: boolean) {
  const pending = request();
  if (!pending) return;
  setBasins({ busy: tab, ...(saving ? {} : { saved: null }) });
  try {
    const result = await pending;
    setBasins((s) => ({ ...s, results: { ...s.results, [tab]: result } }));
    showOnMap(tab);
    const saved = (result as { saved?: { indicatorId?: string; label?: string; zones?: { id: string; name: string }[] } }).saved;
    if (saved) await afterSave(tab, saved);
  } catch (e) {
    handleError(e);
  } finally {
    setBasins({ busy: null });
  }
}

export const computeAccess = (save?: string) =>
  run('access', () => {
    const body = bodyOf(accessBody(basinsStore.get().access, save));
    return body && basinsApi.accessibility(body);
  }, !!save);

export const computeNearest = (save?: { name: string; zones: boolean }) =>
  run('nearest', () => {
    const body = bodyOf(nearestBody(basinsStore.get().nearest, save));
    return body && basinsApi.nearest(body);
  }, !!save);

export const computeFlows = (save?: string) => run('flows', () => basinsApi.flows(flowsBody(basinsStore.get().flows, save)), !!save);

/** The same basins computed on another dataset (year): how many codes géo change basin. */
export async function compareFlows(other: string | null) {
  setFlows({ compareWith: other });
  const f = basinsStore.get().flows;
  setBasins((s) => ({ ...s, results: { ...s.results, compare: undefined } }));
  if (!other || !f.dataset || other === f.dataset) return;
  setBasins({ busy: 'compare' });
  try {
    const { dataset: _dataset, save: _save, ...params } = flowsBody(f);
    const compare = await basinsApi.compareFlows({ ...params, datasets: [f.dataset, other] });
    setBasins((s) => ({ ...s, results: { ...s.results, compare } }));
  } catch (e) {
    handleError(e);
  } finally {
    setBasins({ busy: null });
  }
}

/** Saved: a computed indicator joins the map's chooser (the list is asked again), zones join the Zones list. */
async function afterSave(tab: BasinTab, saved: { indicatorId?: string; label?: string; zones?: { id: string; name: string }[] }) {
  const indicator = saved.indicatorId ? { id: saved.indicatorId, label: saved.label ?? saved.indicatorId } : null;
  setBasins({ saved: { tab, indicator, zones: saved.zones ?? [] } });
  if (indicator) await reloadIndicators();
  if (saved.zones?.length) await loadZones();
}

/** The registry's indicators again, keeping the ones made in the browser (areas:…, basins:…, layer aggregates). */
async function reloadIndicators() {
  try {
    const { indicators } = await basinsApi.indicators();
    const ids = new Set(indicators.map((i) => i.id));
    const virtual = workspace.get().indicators.filter((i) => !ids.has(i.id) && indicatorProviders.some((p) => i.id.startsWith(p.prefix)));
    workspace.set({ indicators: [...indicators, ...virtual] });
  } catch (e) {
    handleError(e);
  }
}

export const openSavedProfile = (id: string) => openZone(id);
export const openCommuneSheet = (code: string) => openCommune(code, true);

// ── map colouring: a tab's per-commune result as a virtual indicator (the map's choropleth and legend) ─────
const PREFIX = 'basins:';

interface Shown {
  key: string;
  label: string;
  unit: string;
  codes: string[];
  values: (number | null)[];
  flags: { computed?: boolean; modelled?: boolean; synthetic?: boolean };
  description: string;
  palette?: string[];
  categories?: { color: string; label: string }[];
}

/** Colours the communes by the tab's result: accessibility, minutes to the nearest, or the flow basins (categorical). */
export function showOnMap(tab: BasinTab) {
  const r = basinsStore.get().results;
  let shown: Shown | null = null;
  if (tab === 'access' && r.access) {
    const a = r.access;
    shown = { key: 'access', label: a.label, unit: a.unit, codes: a.values.codes, values: a.values.value, flags: { computed: true }, description: `${a.method.supplyLabel} · ${a.method.demandLabel}` };
  } else if (tab === 'nearest' && r.nearest) {
    const n = r.nearest;
    shown = { key: 'nearest', label: n.label, unit: 'min', codes: n.values.codes, values: minutesUp(n.values.timeSec), flags: { computed: true }, description: n.label };
  } else if (tab === 'flows' && r.flows) {
    const f = r.flows;
    const colorOf = basinColorIndex(f.basins);
    const top = [...f.basins].sort((a, b) => b.populationCount - a.populationCount).slice(0, 8);
    const categories = top.map((b) => ({ color: BASIN_PALETTE[colorOf.get(b.id)!], label: b.label }));
    if (f.basins.length > top.length) categories.push({ color: 'transparent', label: M.flows.other(f.basins.length - top.length) });
    shown = {
      key: 'flows', label: M.flows.mapLabel(M.flows.units[f.unit]), unit: M.flows.mapUnit, codes: f.communes.codes, values: basinValues(f),
      // one word in the legend: modelled flows are synthetic by construction (the panel says both)
      flags: f.quality === 'modelled' ? { modelled: true } : { synthetic: f.dataset.synthetic }, description: f.dataset.label, palette: BASIN_PALETTE, categories,
    };
  }
  if (!shown) return;
  const id = `${PREFIX}${shown.key}`;
  const indicator = {
    id, label: shown.label, unit: shown.unit, source: M.title, description: shown.description, year: null, scope: 'commune', ...shown.flags,
    noData: M.mapNoData, ...(shown.categories ? { categories: shown.categories } : {}),
  } as unknown as Indicator;
  const indicators = [...workspace.get().indicators.filter((i) => !i.id.startsWith(PREFIX)), indicator];
  workspace.set({
    indicators, indicatorId: id, method: 'quantile',
    values: { indicatorId: id, codes: shown.codes, values: shown.values, ...(shown.palette ? { palette: shown.palette } : {}) },
  });
}

// The indicator picker chose a basins result again: shown from the slice (no recomputation).
indicatorProviders.push({
  prefix: PREFIX,
  select: (id) => {
    const tab = id.slice(PREFIX.length) as BasinTab;
    if (tab === 'access' || tab === 'nearest' || tab === 'flows') showOnMap(tab);
  },
});
