import { api, call, type CommuneSheetData } from '../api/client';
import { characterSetOf } from '../lib/labels';
import { userMessage } from '../lib/messages';
import { flyToBbox } from '../map/handle';
import { placeFromHash, setCommuneHash, setPlaceHash } from './url';
import { patchSlice, workspace, type Bbox, type ToastAction } from './workspace';

/**
 * The one error handler: any failure becomes one toast in French — the API's message (it says what to do
 * next), or the catalogue's words for a network failure, a bug or raw validator text (lib/messages).
 */
export function handleError(e: unknown) {
  if (!(e instanceof Error && e.name === 'Error' && !('status' in e))) console.error(e); // the detail stays in the console
  notify(userMessage(e));
}

/** A toast, optionally with one action button (e.g. { label: 'Annuler', run: restore }). */
export function notify(message: string, action: ToastAction | null = null) {
  workspace.set({ toast: message, toastAction: action });
}

export const closeToast = () => workspace.set({ toast: null, toastAction: null });

/** The first-visit help: shown once per browser (localStorage), reopened with the "?" button. */
const HELP_SEEN_KEY = 'maillage.help.seen';
export const openHelp = () => patchSlice('ui', { helpOpen: true });
export function closeHelp() {
  patchSlice('ui', { helpOpen: false });
  try {
    localStorage.setItem(HELP_SEEN_KEY, '1');
  } catch {
    // private mode without storage: the help simply shows again next time
  }
}
function helpSeen(): boolean {
  try {
    return localStorage.getItem(HELP_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** First load: help on a first visit, indicator list, config (attribution, optional basemap), labels, and a `#commune=` / `#departement=` link. */
export function loadWorkspace() {
  if (!helpSeen()) openHelp();
  const openLinked = () => {
    const place = placeFromHash();
    if (place?.kind === 'commune' && place.code !== workspace.get().sheet?.data.code) void openCommune(place.code, true);
    else if (place && place.kind !== 'commune') void flyToArea(place.kind, place.code);
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
 * Indicators computed in the browser from workspace data (e.g. a layer's aggregate, features/layers/state.ts), by id
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
    workspace.set({ sheet: { data, replacedFrom, profile: null } });
    setCommuneHash(data.code);
    if (fly) flyToBbox(data.bbox as Bbox | null, 11);
    void loadCommuneProfile(data.code);
  } catch (e) {
    handleError(e);
  }
}

/** The commune's INSEE description (figures with source, year, coverage, index against its département); kept if the sheet still shows it. */
async function loadCommuneProfile(code: string) {
  try {
    const profile = await call(api.communes[':code'].profile.$get({ param: { code }, query: {} }));
    const sheet = workspace.get().sheet;
    if (sheet?.data.code === code) workspace.set({ sheet: { ...sheet, profile } });
  } catch (e) {
    handleError(e);
  }
}

export function closeSheet() {
  workspace.set({ sheet: null });
  setCommuneHash(null);
}

/** A département or région link: its outline from the search API (same bbox as a search pick). */
async function flyToArea(kind: 'departement' | 'region', code: string) {
  try {
    const { results } = await call(api.communes.search.$get({ query: { q: code, limit: '10' } }));
    const area = results.find((r) => r.kind === kind && r.code === code);
    if (area) showArea(kind, code, area.bbox as Bbox | null);
  } catch (e) {
    handleError(e);
  }
}

/** Shows a département or région: the commune sheet of another place closes, the URL names the area. */
export function showArea(kind: 'departement' | 'region', code: string, bbox: Bbox | null) {
  if (workspace.get().sheet) workspace.set({ sheet: null });
  setPlaceHash({ kind, code });
  flyToBbox(bbox, kind === 'departement' ? 9 : 8);
}
