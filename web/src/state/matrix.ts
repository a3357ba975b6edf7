import { api, call, ApiRequestError, type RoutingStatus } from '../api/client';
import { handleError } from './actions';
import { patchSlice, workspace, type MatrixCommune, type MatrixResult } from './workspace';

/** The API's cap per side (api/src/services/routing.ts MAX_MATRIX_POINTS): beyond it the call answers 413. */
export const MAX_MATRIX_POINTS = 2500;

export type MatrixList = 'origins' | 'destinations';

const setMatrix = (patch: Parameters<typeof patchSlice<'matrix'>>[1]) => patchSlice('matrix', patch);

export function loadMatrixStatus() {
  call(api.routing.status.$get())
    .then((status: RoutingStatus) => setMatrix({ status }))
    .catch(handleError);
}

/** The destinations actually sent: the origins themselves when none were given (a square matrix). */
export function effectiveDestinations(s: { origins: MatrixCommune[]; destinations: MatrixCommune[] } = workspace.get().matrix): MatrixCommune[] {
  return s.destinations.length ? s.destinations : s.origins;
}

/** Adds communes to a list, keeping the first occurrence of each code and the list's order. */
function addTo(list: MatrixList, communes: MatrixCommune[]) {
  const current = workspace.get().matrix[list];
  const seen = new Set(current.map((c) => c.code));
  const added = communes.filter((c) => !seen.has(c.code) && seen.add(c.code));
  setMatrix({ [list]: [...current, ...added], result: null, error: null });
}

/**
 * Adds what the user typed: INSEE commune codes (5 characters) and département codes (2–3, expanded to all
 * their communes through GET /api/communes?departement=). Names come from the commune labels already loaded;
 * codes that are neither are reported, not sent (the API would refuse the whole matrix).
 */
export async function addCodes(list: MatrixList, text: string) {
  const tokens = [...new Set(text.toUpperCase().split(/[\s,;]+/).filter(Boolean))];
  const names = new Map((workspace.get().labels?.communes ?? []).map((c) => [c.code, c.name]));
  const communes: MatrixCommune[] = [];
  const unknown: string[] = [];
  setMatrix({ busy: true });
  try {
    for (const token of tokens) {
      if (/^[0-9][0-9AB][0-9]{3}$/.test(token)) {
        if (names.size && !names.has(token)) unknown.push(token);
        else communes.push({ code: token, name: names.get(token) ?? token });
      } else if (/^([0-9]{2}|2A|2B|97[1-6])$/.test(token)) {
        const r = await call(api.communes.$get({ query: { departement: token } }));
        communes.push(...r.communes.filter((c) => c.point).map((c) => ({ code: c.code, name: c.name })));
      } else unknown.push(token);
    }
    addTo(list, communes);
    setMatrix({ input: unknown.join(' '), error: unknown.length ? `Codes non reconnus (commune INSEE à 5 caractères ou département) : ${unknown.join(', ')}` : null });
  } catch (e) {
    handleError(e);
  } finally {
    setMatrix({ busy: false });
  }
}

/** The commune whose sheet is open. */
export function addOpenCommune(list: MatrixList) {
  const sheet = workspace.get().sheet?.data;
  if (sheet) addTo(list, [{ code: sheet.code, name: sheet.name }]);
}

/** The communes inside the current isochrone (each by its own drive time). */
export function addIsochroneCommunes(list: MatrixList) {
  const communes = workspace.get().isochrone.result?.communes ?? [];
  addTo(list, communes.map((c) => ({ code: c.code, name: c.name })));
}

export const clearList = (list: MatrixList) => setMatrix({ [list]: [], result: null, error: null });

function requestBody() {
  const s = workspace.get().matrix;
  const point = (c: MatrixCommune) => ({ communeCode: c.code });
  return { sources: s.origins.map(point), ...(s.destinations.length ? { targets: s.destinations.map(point) } : {}) };
}

/** POST /api/routing/matrix (JSON or CSV): the body is not declared to the typed client (the route checks its size first). */
function post(format: 'json' | 'csv') {
  return api.routing.matrix.$post({ query: { format } }, { init: { body: JSON.stringify(requestBody()), headers: { 'Content-Type': 'application/json' } } });
}

/** Computes the matrix; a refusal (413 beyond 2,500 × 2,500, unknown code) is shown in the panel with the API's message. */
export async function computeMatrix() {
  const s = workspace.get().matrix;
  const origins = s.origins;
  const destinations = effectiveDestinations(s);
  setMatrix({ busy: true, error: null, result: null });
  try {
    const matrix = (await call(post('json'))) as MatrixResult['matrix'];
    setMatrix({ result: { origins, destinations, matrix } });
  } catch (e) {
    if (e instanceof ApiRequestError) setMatrix({ error: e.message });
    else handleError(e);
  } finally {
    setMatrix({ busy: false });
  }
}

/** Downloads the same matrix as CSV from the API (provenance lines, one row per pair). */
export async function downloadMatrixCsv() {
  const { origins } = workspace.get().matrix;
  try {
    const res = await post('csv');
    if (!res.ok) return void (await call(res as never));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `matrice-temps-trajet-${origins.length}x${effectiveDestinations().length}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    handleError(e);
  }
}

export interface MatrixSummary {
  pairCount: number;
  reachableCount: number;
  reachableRatio: number;
  medianDurationSec: number | null;
  maxDurationSec: number | null;
}

/** Pairs, share with a time, median and longest time of a matrix. */
export function summarizeMatrix(durationSec: (number | null)[][]): MatrixSummary {
  const times = durationSec.flat().filter((d): d is number => d !== null).sort((a, b) => a - b);
  const pairCount = durationSec.reduce((n, row) => n + row.length, 0);
  const mid = times.length >> 1;
  const median = times.length === 0 ? null : times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { pairCount, reachableCount: times.length, reachableRatio: pairCount ? times.length / pairCount : 0, medianDurationSec: median, maxDurationSec: times.at(-1) ?? null };
}

/** Why pair (i, j) has no time, in French (same causes as the CSV's `reason` column). */
export function unreachableLabel(matrix: MatrixResult['matrix'], i: number, j: number): string {
  if (matrix.unsnappedSources.includes(i)) return 'origine hors réseau';
  if (matrix.unsnappedTargets.includes(j)) return 'destination hors réseau';
  return 'aucun itinéraire';
}
