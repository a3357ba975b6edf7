import type { Indicator, LayerSummary } from '../../api/client';
import { handleError, indicatorProviders, notify } from '../../state/actions';
import { workspace, type Bbox } from '../../state/workspace';
import { flyToBbox } from '../../map/handle';
import { startTool } from '../../map/tools';
import { AREAS as M, type AreaTab } from '../../lib/messages/areas';
import { loadZones, openZone } from '../zones/actions';
import { areasApi, type WhatIfBody } from './api';
import {
  applyFit, areasStore, changesBody, guessRole, huffParams, parseNumberList, percentValues, storeLayerInfo, storesBody, withCandidate, withMove, withRole,
  type AreasState, type StoreRole, type WhatIfDraft,
} from './slice';
import type { CalibrationFit } from './api';
import { toggleCompared as toggleComparedIds } from './compare';

export function setAreas(patch: Partial<AreasState> | ((s: AreasState) => AreasState)) {
  areasStore.set(patch);
}
const patch = <K extends keyof AreasState>(key: K, value: Partial<AreasState[K]>) =>
  setAreas((s) => ({ ...s, [key]: { ...(s[key] as object), ...value } }));
export const setStores = (v: Partial<AreasState['stores']>) => patch('stores', v);
export const setDrive = (v: Partial<AreasState['drive']>) => patch('drive', v);
export const setCustomers = (v: Partial<AreasState['customers']>) => patch('customers', v);
export const setCustomer = (v: Partial<AreasState['customer']>) => patch('customer', v);
export const setHuff = (v: Partial<AreasState['huff']>) => setAreas((s) => ({ ...s, appliedFit: null, huff: { ...s.huff, ...v } }));
export const setTab = (tab: AreaTab) => (setAreas({ tab }), showOnMap(tab));

const measuresOf = (layer: LayerSummary) => (layer.measures ?? []) as { name: string; type?: string }[];

/** The store layer chosen: its points give the role columns and their values; the role is guessed for the user to confirm. */
export async function chooseStoreLayer(layer: LayerSummary | null) {
  setAreas((s) => ({ ...s, stores: { ...s.stores, source: 'layer', layerId: layer?.id ?? null, attractivenessMeasure: null, roles: {} }, storeLayer: null, results: {}, saved: null }));
  if (!layer) return;
  try {
    const { features } = await areasApi.features(layer.id);
    if (areasStore.get().stores.layerId !== layer.id) return;
    const info = storeLayerInfo(layer.id, measuresOf(layer), features);
    setAreas((s) => ({ ...s, storeLayer: info, stores: { ...s.stores, ...guessRole(info) } }));
  } catch (e) {
    handleError(e);
  }
}

/** FINESS health sites as points of sale (all own until set by hand); their filters are set in the form. */
export function chooseFiness() {
  setAreas((s) => ({ ...s, stores: { ...s.stores, source: 'finess', layerId: null, attractivenessMeasure: null, roles: {} }, storeLayer: null, results: {}, saved: null }));
}

let finessRequest = 0;
/** The FINESS sites of the form's filters, listed for the roles by hand before any computation (latest filters win). */
export async function loadFinessPoints() {
  const form = areasStore.get().stores;
  const body = form.source === 'finess' ? storesBody({ ...form, roles: {} }) : null;
  const request = ++finessRequest;
  setAreas({ finessPoints: null });
  if (!body) return;
  try {
    const { stores } = await areasApi.stores(body);
    if (request === finessRequest) setAreas({ finessPoints: stores.map((s) => ({ key: s.key, name: s.name })) });
  } catch (e) {
    if (request === finessRequest) handleError(e);
  }
}

/** One store's role set by hand (back to the rule's role: the rule decides again). */
export const setRole = (key: string, role: StoreRole, ruleRole: StoreRole) => setAreas((s) => ({ ...s, stores: withRole(s.stores, key, role, ruleRole) }));

/** The customer layer chosen: its store key column guessed (a category measure naming a store), for the user to confirm. */
export function chooseCustomerLayer(layer: LayerSummary | null) {
  const categories = layer ? measuresOf(layer).filter((m) => m.type === 'category').map((m) => m.name) : [];
  const key = categories.find((c) => /magasin|store|agence|point|site/i.test(c)) ?? null;
  setCustomers({ layerId: layer?.id ?? null, storeKeyField: key, valueMeasure: null });
}

let proposed = false;
/**
 * Once, when the layers are known: a layer named like points of sale and one named like customers (with a store
 * column) are proposed — the demo network and its customers on a first start — for the user to confirm or change.
 */
export function proposeLayers(layers: readonly LayerSummary[] | null) {
  if (proposed || !layers?.length) return;
  proposed = true;
  const s = areasStore.get();
  const storeLayer = layers.find((l) => /points? de vente|magasins/i.test(l.name) && !/clients/i.test(l.name));
  const customerLayer = layers.find((l) => /clients/i.test(l.name) && measuresOf(l).some((m) => m.type === 'category' && /magasin|store/i.test(m.name)));
  if (!s.stores.layerId && storeLayer) void chooseStoreLayer(storeLayer);
  if (!s.customers.layerId && customerLayer) chooseCustomerLayer(customerLayer);
}

const stores = () => {
  const form = areasStore.get().stores;
  const body = storesBody(form);
  if (!body) notify(form.source === 'finess' ? M.stores.badDepartements : M.needStores);
  return body;
};

/** Runs one tab's computation (optionally saving its areas as zones) and shows its result on the map. */
export async function compute(tab: AreaTab, saveName?: string, storeKey?: string) {
  const s = areasStore.get();
  const storesPart = stores();
  if (!storesPart) return;
  const save = saveName ? { save: { name: saveName, ...(storeKey ? { storeKeys: [storeKey] } : {}) } } : {};
  setAreas({ busy: tab, ...(saveName ? {} : { saved: null }) });
  try {
    const result = await request(tab, s, storesPart, save);
    if (!result) return;
    setAreas((now) => ({ ...now, results: { ...now.results, [tab]: result } }));
    if ('saved' in result && result.saved) await afterSave(tab, result.saved as SavedPayload);
    showOnMap(tab);
    flyToStores(result.stores as { lon: number; lat: number; offNetworkReason?: string | null }[]);
  } catch (e) {
    handleError(e);
  } finally {
    setAreas({ busy: null });
  }
}

type Save = { save?: { name: string; storeKeys?: string[] } };

function request(tab: AreaTab, s: AreasState, storesPart: NonNullable<ReturnType<typeof storesBody>>, save: Save) {
  const { customers } = s;
  const customerPart = () => {
    if (!customers.layerId) return notify(M.needCustomers), null;
    return { layerId: customers.layerId, ...(customers.storeKeyField ? { storeKeyField: customers.storeKeyField } : {}), ...(customers.valueMeasure ? { valueMeasure: customers.valueMeasure } : {}) };
  };
  if (tab === 'huff') return areasApi.huff({ stores: storesPart, params: huffParams(s.huff), demand: demandOf(s), cutoffMin: s.huff.cutoffMin, ...save });
  if (tab === 'whatif') {
    if (!s.whatIf.changes.length) return notify(M.whatIf.noChanges), null;
    return areasApi.whatIf(whatIfRequest(s, storesPart));
  }
  if (tab === 'drive') {
    const breaksMin = parseNumberList(s.drive.breaksText, 5, 120, 6);
    if (!breaksMin) return notify(M.drive.badBreaks), null;
    return areasApi.driveTime({ stores: storesPart, mode: s.drive.mode, breaksMin, cutoffMin: s.drive.cutoffMin, ...save });
  }
  const c = customerPart();
  if (!c) return null;
  if (tab === 'calibrate') {
    if (!c.storeKeyField) return notify(M.needStoreKey), null;
    return areasApi.calibrate({ stores: storesPart, customers: { ...c, storeKeyField: c.storeKeyField }, decayKind: s.calibrateDecay, cutoffMin: s.huff.cutoffMin });
  }
  const thresholds = parseNumberList(s.customer.thresholdsText, 1, 99, 5);
  if (!thresholds) return notify(M.customer.badThresholds), null;
  return areasApi.customer({
    stores: storesPart, customers: c, thresholdsRatio: thresholds.map((t) => t / 100), cutoffMin: s.customer.cutoffMin, excludeOutliers: s.customer.excludeOutliers, ...save,
  });
}

const demandOf = (s: AreasState) =>
  s.huff.demand === 'population' ? ({ kind: 'population' } as const) : ({ kind: 'spending', perInhabitantEur: s.huff.perInhabitantEur, incomeWeighted: s.huff.incomeWeighted } as const);

const whatIfRequest = (s: AreasState, storesPart: NonNullable<ReturnType<typeof storesBody>>): Omit<WhatIfBody, 'save'> => ({
  stores: storesPart, params: huffParams(s.huff), demand: demandOf(s), cutoffMin: s.huff.cutoffMin, changes: changesBody(s.whatIf.changes),
});

type SavedPayload = { zones: { id: string; name: string }[]; skippedEmpty: string[]; layer?: { name: string } };

/** Saved zones: the Zones list reloads, the new zones are listed here with their profile. */
async function afterSave(tab: AreaTab, saved: SavedPayload) {
  setAreas({ saved: { tab, zones: saved.zones.map((z) => ({ id: z.id, name: z.name })), skippedEmpty: saved.skippedEmpty, layerName: saved.layer?.name ?? null } });
  await loadZones();
}

/** Saves the tab's areas as zones: one store's (its key), else the own network's / every own store's. */
export const saveAsZones = (tab: AreaTab, name: string, storeKey?: string) => compute(tab, name, storeKey);
export const openSavedProfile = (id: string) => openZone(id);

let flownFor: string | null = null;
/** Once per store layer, the map frames the stores that are on the road network. */
function flyToStores(rows: { lon: number; lat: number; offNetworkReason?: string | null }[]) {
  const form = areasStore.get().stores;
  const layerId = form.source === 'finess' ? `finess:${form.finessDepartementsText}:${form.finessCategories.join()}` : form.layerId;
  const on = rows.filter((r) => !r.offNetworkReason);
  if (!on.length || flownFor === layerId) return;
  flownFor = layerId;
  const bbox: Bbox = [Math.min(...on.map((r) => r.lon)), Math.min(...on.map((r) => r.lat)), Math.max(...on.map((r) => r.lon)), Math.max(...on.map((r) => r.lat))];
  flyToBbox([bbox[0] - 0.03, bbox[1] - 0.02, bbox[2] + 0.03, bbox[3] + 0.02], 12);
}

// ── map colouring: a tab's per-commune result as a virtual indicator (the map's choropleth and legend) ─────
const INDICATOR_PREFIX = 'areas:';

/** Colours the communes by the tab's result (Huff own share, what-if change, calibration residual, drive time, customer tier). */
export function showOnMap(tab: AreaTab) {
  const r = areasStore.get().results;
  const synthetic = (x: { synthetic: boolean }) => x.synthetic;
  let shown: { key: string; label: string; unit: string; codes: string[]; values: (number | null)[]; modelled: boolean; synthetic: boolean } | null = null;
  if (tab === 'huff' && r.huff) {
    shown = { key: 'huff-share', label: M.huff.mapLabel, unit: '%', codes: r.huff.communes.codes, values: percentValues(r.huff.communes.ownShareRatio), modelled: true, synthetic: synthetic(r.huff) };
  } else if (tab === 'whatif' && r.whatif) {
    shown = { key: 'whatif-change', label: M.whatIf.mapLabel, unit: 'points de %', codes: r.whatif.communes.codes, values: percentValues(r.whatif.communes.deltaOwnShareRatio), modelled: true, synthetic: synthetic(r.whatif) };
  } else if (tab === 'calibrate' && r.calibrate) {
    shown = { key: 'calibrate-residual-change', label: M.calibrate.residualLabel, unit: 'points de %', codes: r.calibrate.communes.codes, values: percentValues(r.calibrate.communes.residualMl), modelled: true, synthetic: synthetic(r.calibrate) };
  } else if (tab === 'drive' && r.drive) {
    const minutes = (r.drive.communes.durationSec as (number | null)[]).map((x) => (x === null ? null : Math.ceil(x / 60)));
    shown = { key: 'drive-time', label: M.tabs.drive, unit: 'min', codes: r.drive.communes.codes, values: minutes, modelled: false, synthetic: synthetic(r.drive) };
  } else if (tab === 'customer' && r.customer) {
    const tier = (r.customer.communes.tier as (number | null)[]).map((k) => (k === null ? null : k + 1));
    shown = { key: 'customer-tier', label: M.tabs.customer, unit: 'rang de zone (1 = primaire)', codes: r.customer.communes.codes, values: tier, modelled: false, synthetic: synthetic(r.customer) };
  }
  if (!shown) return;
  // A change is drawn on a diverging ramp (the App reads "change" in the id) only when it goes both ways.
  const finite = shown.values.filter((v): v is number => v !== null);
  const bothWays = finite.some((v) => v < 0) && finite.some((v) => v > 0);
  const id = `${INDICATOR_PREFIX}${bothWays ? shown.key : shown.key.replace('-change', '-delta')}`;
  const indicator = {
    id, label: shown.label, unit: shown.unit, source: M.title, description: M.huff.formula, year: null, scope: 'commune',
    modelled: shown.modelled, synthetic: shown.synthetic, noData: M.mapNoData,
  } as unknown as Indicator;
  const indicators = [...workspace.get().indicators.filter((i) => !i.id.startsWith(INDICATOR_PREFIX)), indicator];
  workspace.set({ indicators, indicatorId: id, method: 'quantile', values: { indicatorId: id, codes: shown.codes, values: shown.values } });
}

// The indicator picker chose an areas result again: shown from the slice (no recomputation).
indicatorProviders.push({
  prefix: INDICATOR_PREFIX,
  select: (id) => {
    const key = id.slice(INDICATOR_PREFIX.length).replace('-delta', '-change');
    const tab = ({ 'huff-share': 'huff', 'whatif-change': 'whatif', 'calibrate-residual-change': 'calibrate', 'drive-time': 'drive', 'customer-tier': 'customer' } as const)[key];
    if (tab) showOnMap(tab);
  },
});

// ── calibration ─────────────────────────────────────────────────────────────
export function applyCalibration(fit: CalibrationFit) {
  setAreas((s) => applyFit(s, fit));
  notify(M.huff.applied(fit.method === 'ml' ? M.calibrate.ml : M.calibrate.mci));
}

// ── what-if ────────────────────────────────────────────────────────────────
/** One click on the map places a candidate site (map/tools.ts 'click-point'). */
export function startCandidate(attractiveness: number) {
  startTool({
    id: 'click-point',
    owner: 'areas',
    status: M.whatIf.clickStatus,
    onPoint: (lonLat) => setAreas((s) => withCandidate(s, lonLat, M.whatIf.candidate(s.whatIf.changes.filter((c) => c.action === 'add').length + 1), attractiveness)),
  });
}

/** « Déplacer »: one click on the map gives the store's new place (the API's { action: 'move', key, at }). */
export function startMove(key: string, name: string) {
  startTool({
    id: 'click-point',
    owner: 'areas',
    status: M.whatIf.moveStatus(name),
    onPoint: (lonLat) => setAreas((s) => withMove(s, key, lonLat, M.whatIf.moveLabel(name))),
  });
}

export const toggleCompared = (id: string) => setAreas((s) => ({ ...s, compared: toggleComparedIds(s.compared, id) }));

export const addChange = (change: WhatIfDraft) => setAreas((s) => ({ ...s, whatIf: { ...s.whatIf, changes: [...s.whatIf.changes, change] } }));
export const setScenarioName = (scenarioName: string) => patch('whatIf', { scenarioName });

export async function loadScenarios() {
  try {
    const { scenarios } = await areasApi.scenarios();
    setAreas({ scenarios });
  } catch (e) {
    handleError(e);
  }
}

export async function saveScenario() {
  const s = areasStore.get();
  const storesPart = stores();
  const result = s.results.whatif;
  const name = s.whatIf.scenarioName.trim();
  if (!storesPart || !result || !name) return;
  try {
    await areasApi.saveScenario(name, whatIfRequest(s, storesPart), {
      ownNetworkBase: result.ownNetworkBase, ownNetworkNew: result.ownNetworkNew, ownNetworkDelta: result.ownNetworkDelta, demandLabel: result.demandLabel, unit: result.unit,
      changedRows: result.changedRows, synthetic: result.synthetic, modelled: true,
    });
    notify(M.whatIf.scenarioSaved(name));
    await loadScenarios();
  } catch (e) {
    handleError(e);
  }
}
