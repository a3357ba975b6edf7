import { api, call, type ImportResult, type Indicator, type LayerFeatures, type LayerSummary } from '../../api/client';
import { flyToBbox } from '../../map/handle';
import { closeToast, handleError, indicatorProviders, notify } from '../../state/actions';
import { layerDeleteText, UNDO_TOAST_MS } from '../../lib/messages/imports';
import { defineSlice, workspace, type Bbox } from '../../state/workspace';

export type LayerFeature = LayerFeatures['features'][number];
export type LayerStat = 'count' | 'sum' | 'mean';

/** Data layers feature (Panel.tsx, ImportPanel.tsx, customers.ts): its slice `layers` of the one store, and its actions. */
export interface LayersState {
  layers: LayerSummary[] | null;
  /** Points of each shown layer, loaded once per layer (100k rows max per layer, see the API). */
  features: Record<string, LayerFeature[]>;
  truncated: Record<string, boolean>;
  importOpen: boolean;
  selected: { layerId: string; feature: LayerFeature } | null;
}

export const layersStore = defineSlice('layers', { layers: null, features: {}, truncated: {}, importOpen: false, selected: null });

/** Sets the slice; the map redraws its deck.gl layers from the one store. */
export const setLayers = (patch: Partial<LayersState>) => layersStore.set(patch);

export async function loadLayers() {
  try {
    const { layers } = await call(api.layers.$get());
    setLayers({ layers });
    await Promise.all(layers.filter((l) => !l.hidden).map((l) => loadFeatures(l.id)));
  } catch (e) {
    handleError(e);
  }
}

async function loadFeatures(id: string) {
  if (layersStore.get().features[id]) return;
  const r = await call(api.layers[':id'].features.$get({ param: { id }, query: {} }));
  setLayers({ features: { ...layersStore.get().features, [id]: r.features }, truncated: { ...layersStore.get().truncated, [id]: r.truncated } });
}

export async function toggleLayer(layer: LayerSummary) {
  try {
    const updated = await call(api.layers[':id'].$patch({ param: { id: layer.id }, json: { hidden: !layer.hidden } }));
    setLayers({ layers: (layersStore.get().layers ?? []).map((l) => (l.id === layer.id ? { ...l, hidden: updated.hidden } : l)) });
    if (!updated.hidden) await loadFeatures(layer.id);
  } catch (e) {
    handleError(e);
  }
}

export async function renameLayer(layer: LayerSummary, name: string, description: string) {
  try {
    await call(api.layers[':id'].$patch({ param: { id: layer.id }, json: { name, description } }));
    setLayers({ layers: (layersStore.get().layers ?? []).map((l) => (l.id === layer.id ? { ...l, name, description } : l)) });
  } catch (e) {
    handleError(e);
  }
}

/** Deletes a layer (soft, on the server) and offers "Annuler" in a toast for a few seconds. */
export async function deleteLayer(layer: LayerSummary) {
  try {
    await call(api.layers[':id'].$delete({ param: { id: layer.id } }));
    const { [layer.id]: _gone, ...features } = layersStore.get().features;
    setLayers({ layers: (layersStore.get().layers ?? []).filter((l) => l.id !== layer.id), features, selected: null });
    if (workspace.get().values?.indicatorId.startsWith(`layer:${layer.id}:`)) {
      workspace.set({ indicators: workspace.get().indicators.filter((i) => !i.id.startsWith('layer:')) });
    }
    const action = { label: layerDeleteText.undo, run: () => void restoreLayer(layer) };
    notify(layerDeleteText.deleted(layer.name), action);
    setTimeout(() => workspace.get().toastAction === action && closeToast(), UNDO_TOAST_MS);
  } catch (e) {
    handleError(e);
  }
}

/** "Annuler" after a delete: the layer comes back with its rows, shown again. */
export async function restoreLayer(layer: LayerSummary) {
  try {
    await call(api.layers[':id'].restore.$post({ param: { id: layer.id } }));
    await loadLayers();
    notify(layerDeleteText.restored(layer.name));
  } catch (e) {
    handleError(e);
  }
}

/** After an import: the new layer listed and shown, its points framed on the map. */
export async function importDone(result: ImportResult) {
  if (!result.layer) return;
  const id = result.layer.id;
  const { [id]: _old, ...features } = layersStore.get().features;
  setLayers({ features });
  await loadLayers();
  const points = layersStore.get().features[id] ?? [];
  if (points.length) {
    const lons = points.map((p) => p.lon);
    const lats = points.map((p) => p.lat);
    flyToBbox([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as Bbox, 12);
  }
}

let allCodes: Promise<string[]> | null = null;
/** Every commune code, in the order of the indicator values (the choropleth's reference list). */
function communeCodes(): Promise<string[]> {
  const loaded = workspace.get().values?.codes;
  if (loaded?.length) return Promise.resolve(loaded);
  allCodes ??= call(api.indicators[':id'].values.$get({ param: { id: 'population' } })).then((r) => r.codes);
  return allCodes;
}

const STAT_LABEL: Record<LayerStat, string> = { count: 'Nombre de lignes', sum: 'Somme', mean: 'Moyenne' };

/** Colours the communes by a layer's aggregate (count, or sum/mean of a measure): a virtual indicator `layer:<id>:<stat>:<measure>`. */
export async function colorByLayer(layer: LayerSummary, stat: LayerStat, measure: string | null) {
  const id = `layer:${layer.id}:${stat}:${measure ?? ''}`;
  try {
    // The route also answers CSV (format=csv), so its JSON type is not inferred: typed here.
    const agg = (await call(api.layers[':id'].aggregate.$get({ param: { id: layer.id }, query: { by: 'commune', ...(measure ? { measure } : {}) } }))) as {
      groups: { code: string; count: number; sum: number | null; mean: number | null }[];
    };
    const byCode = new Map(agg.groups.map((g) => [g.code, g]));
    const codes = await communeCodes();
    const values = codes.map((code) => {
      const g = byCode.get(code);
      if (stat === 'count') return g?.count ?? 0;
      return g ? (stat === 'sum' ? g.sum : g.mean) : stat === 'sum' ? 0 : null;
    });
    const unit = stat === 'count' ? 'lignes' : (layer.measures as { name: string; unit?: string }[]).find((m) => m.name === measure)?.unit ?? '';
    const indicator: Indicator = {
      id,
      label: `${STAT_LABEL[stat]}${measure ? ` de ${measure}` : ''} — ${layer.name}${layer.synthetic ? ' (synthétique)' : ''}`,
      unit: unit || 'valeur',
      source: `Couche « ${layer.name} »${layer.sourceNote ? ` — ${layer.sourceNote}` : ''}${layer.synthetic ? ' — données synthétiques de démonstration' : ''}`,
      description: `Agrégat par commune de la couche importée (${layer.featureCount} lignes)`,
      year: null,
      scope: 'commune',
    } as Indicator;
    const indicators = [...workspace.get().indicators.filter((i) => !i.id.startsWith('layer:')), indicator];
    // Counts and sums are mostly zeros in most communes: quantiles collapse (0–0, 0–1…), natural breaks do not.
    workspace.set({ indicators, indicatorId: id, method: 'jenks', values: { indicatorId: id, codes, values } });
  } catch (e) {
    handleError(e);
  }
}

/** The indicator picker chose a layer aggregate again: recompute it (values are not kept once another indicator is shown). */
export async function reselectLayerIndicator(id: string) {
  const [, layerId, stat, measure] = id.split(':');
  const layer = layersStore.get().layers?.find((l) => l.id === layerId);
  if (layer) await colorByLayer(layer, stat as LayerStat, measure || null);
}

indicatorProviders.push({ prefix: 'layer:', select: (id) => void reselectLayerIndicator(id) });
