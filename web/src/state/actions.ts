import { api, call, ApiRequestError, type CommuneSheetData, type SearchResult } from '../api/client';
import { characterSetOf } from '../lib/labels';
import { flyToBbox } from '../map/handle';
import { communeFromHash, setCommuneHash } from './url';
import { workspace, type Bbox } from './workspace';

/** The one error handler: API errors (their message says what to do next) and network failures become a toast. */
export function handleError(e: unknown) {
  const message = e instanceof ApiRequestError ? e.message : e instanceof Error ? e.message : String(e);
  workspace.set({ toast: message });
}

/** First load: indicator list, config (attribution, optional basemap), labels, and a `#commune=` deep link. */
export function loadWorkspace() {
  const openLinked = () => {
    const linked = communeFromHash();
    if (linked && linked !== workspace.get().sheet?.data.code) void openCommune(linked, true);
  };
  openLinked();
  window.addEventListener('hashchange', openLinked); // a pasted or edited link in an open tab
  call(api.indicators.$get())
    .then((r) => workspace.set({ indicators: r.indicators }))
    .catch(handleError);
  call(api.config.$get())
    .then((config) => workspace.set({ config }))
    .catch(handleError);
  call(api.territory.labels.$get())
    .then((r) =>
      workspace.set({
        labels: {
          communes: r.labels,
          departements: r.departements,
          regions: r.regions,
          characterSet: characterSetOf([...r.labels, ...r.departements, ...r.regions].map((l) => l.name)),
        },
      }),
    )
    .catch(handleError);
}

/**
 * Indicators computed in the browser from workspace data (e.g. a layer's aggregate, state/layers.ts), by id
 * prefix: the feature registers its provider; the picker then routes those ids to it instead of the API.
 */
export const indicatorProviders: { prefix: string; select(id: string): void }[] = [];

export function selectIndicator(id: string) {
  const provider = indicatorProviders.find((p) => id.startsWith(p.prefix));
  if (provider) return provider.select(id);
  workspace.set({ indicatorId: id });
  call(api.indicators[':id'].values.$get({ param: { id } }))
    .then((r) => workspace.get().indicatorId === id && workspace.set({ values: { indicatorId: id, codes: r.codes, values: r.values } }))
    .catch(handleError);
}

/**
 * Opens a commune sheet. An old (merged) code answers 301 → /api/communes/NEW: the browser follows it
 * (a `redirect: 'manual'` fetch would only give an opaque response), so `res.redirected` tells us the
 * code was replaced and the body is already the new commune's sheet.
 */
export async function openCommune(code: string, fly: boolean) {
  try {
    const res = await api.communes[':code'].$get({ param: { code } });
    const data = (await call(Promise.resolve(res) as never)) as CommuneSheetData;
    const replacedFrom = res.redirected ? code.trim().toUpperCase() : null;
    workspace.set({ sheet: { data, replacedFrom } });
    setCommuneHash(data.code);
    if (fly) flyToBbox(data.bbox as Bbox | null, 11);
  } catch (e) {
    handleError(e);
  }
}

export function closeSheet() {
  workspace.set({ sheet: null });
  setCommuneHash(null);
}

export function pickSearchResult(r: SearchResult) {
  if (r.kind === 'commune') void openCommune(r.code, true);
  else flyToBbox(r.bbox as Bbox | null, r.kind === 'departement' ? 9 : 8);
}
