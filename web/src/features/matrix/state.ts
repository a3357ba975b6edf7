import { api, call, ApiRequestError, type RoutingStatus } from '../../api/client';
import { handleError } from '../../state/actions';
import { defineSlice, workspace } from '../../state/workspace';
import { downloadPost } from '../../state/download';
import { MATRIX } from '../../lib/messages/matrix';
import { COMMUNE_CODE_RE, DEPARTEMENT_CODE_RE } from '../../lib/codes';

/** A commune of a matrix selection (code INSEE and name). */
export interface MatrixCommune {
  code: string;
  name: string;
}

/** A computed matrix with the lists it was computed for (POST /api/routing/matrix, JSON). */
export interface MatrixResult {
  origins: MatrixCommune[];
  destinations: MatrixCommune[];
  matrix: { durationSec: (number | null)[][]; distanceM: (number | null)[][]; unsnappedSources: number[]; unsnappedTargets: number[] };
}

/** The drive-time matrix tool (Panel.tsx, state.ts); no destinations = the origins. */
export interface MatrixState {
  open: boolean;
  status: RoutingStatus | null;
  target: 'origins' | 'destinations';
  input: string;
  origins: MatrixCommune[];
  destinations: MatrixCommune[];
  result: MatrixResult | null;
  /** The API's refusal (413 beyond 2,500 × 2,500, unknown codes), shown in the panel. */
  error: string | null;
  busy: boolean;
}

export const matrixStore = defineSlice('matrix', { open: false, status: null, target: 'origins', input: '', origins: [], destinations: [], result: null, error: null, busy: false });

/** The API's cap per side (api/src/services/routing.ts MAX_MATRIX_POINTS): beyond it the call answers 413. */
export const MAX_MATRIX_POINTS = 2500;

export type MatrixList = 'origins' | 'destinations';

const setMatrix = (patch: Partial<MatrixState>) => matrixStore.set(patch);

export function loadMatrixStatus() {
  call(api.routing.status.$get())
    .then((status: RoutingStatus) => setMatrix({ status }))
    .catch(handleError);
}

/** The destinations actually sent: the origins themselves when none were given (a square matrix). */
export function effectiveDestinations(s: { origins: MatrixCommune[]; destinations: MatrixCommune[] } = matrixStore.get()): MatrixCommune[] {
  return s.destinations.length ? s.destinations : s.origins;
}

/** Adds communes to a list, keeping the first occurrence of each code and the list's order. */
function addTo(list: MatrixList, communes: MatrixCommune[]) {
  const current = matrixStore.get()[list];
  const seen = new Set(current.map((c) => c.code));
  const added = communes.filter((c) => !seen.has(c.code) && seen.add(c.code));
  setMatrix({ [list]: [...current, ...added], result: null, error: null });
}

const COMMUNE_CODE = COMMUNE_CODE_RE;
const DEPARTEMENT_CODE = DEPARTEMENT_CODE_RE;

/**
 * Splits what the user typed into département codes, commune codes and commune names: pieces are separated by
 * commas, semicolons or lines; a piece made only of codes ("78551 78481 92") is split on spaces, anything else is
 * one name ("Le Pecq", "Saint-Denis (93)").
 */
export function parseMatrixEntries(text: string): { departements: string[]; communes: string[] } {
  const departements: string[] = [];
  const communes: string[] = [];
  for (const piece of text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const tokens = piece.toUpperCase().split(/\s+/);
    if (tokens.every((t) => COMMUNE_CODE.test(t) || DEPARTEMENT_CODE.test(t))) {
      for (const t of tokens) (DEPARTEMENT_CODE.test(t) ? departements : communes).push(t);
    } else communes.push(piece);
  }
  return { departements: [...new Set(departements)], communes: [...new Set(communes)] };
}

/**
 * Adds what the user typed: communes by INSEE code or by name (resolved by POST /api/communes/resolve, which tells
 * an ambiguous name's candidates with their département) and départements (all their communes). What does not
 * resolve stays in the input with the API's French message, and is not sent (the API would refuse the matrix).
 */
export async function addEntries(list: MatrixList, text: string) {
  const { departements, communes: entries } = parseMatrixEntries(text);
  const communes: MatrixCommune[] = [];
  const left: string[] = [];
  const messages: string[] = [];
  setMatrix({ busy: true });
  try {
    for (const dep of departements) {
      const r = await call(api.communes.$get({ query: { departement: dep } }));
      communes.push(...r.communes.filter((c) => c.point).map((c) => ({ code: c.code, name: c.name })));
    }
    if (entries.length) {
      const { results } = await call(api.communes.resolve.$post({ json: { names: entries } }));
      for (const r of results) {
        if (r.status === 'found' && 'commune' in r && r.commune) communes.push({ code: r.commune.code, name: r.commune.name });
        else {
          left.push(r.input);
          if ('message' in r && r.message) messages.push(r.message);
        }
      }
    }
    addTo(list, communes);
    setMatrix({ input: left.join(', '), error: messages.length ? MATRIX.unresolved(messages) : null });
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
  const s = matrixStore.get();
  const point = (c: MatrixCommune) => ({ communeCode: c.code });
  return { sources: s.origins.map(point), ...(s.destinations.length ? { targets: s.destinations.map(point) } : {}) };
}

/** POST /api/routing/matrix (JSON or CSV): the body is not declared to the typed client (the route checks its size first). */
function post(format: 'json' | 'csv') {
  return api.routing.matrix.$post({ query: { format } }, { init: { body: JSON.stringify(requestBody()), headers: { 'Content-Type': 'application/json' } } });
}

/** Computes the matrix; a refusal (413 beyond 2,500 × 2,500, unknown code) is shown in the panel with the API's message. */
export async function computeMatrix() {
  const s = matrixStore.get();
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

/** Downloads the same matrix as CSV from the API (one CSV writer: `;`, decimal comma, French headings, provenance). */
export async function downloadMatrixCsv() {
  const { origins } = matrixStore.get();
  try {
    await downloadPost(`${location.origin}/api/routing/matrix?format=csv`, requestBody(), `matrice-temps-trajet-${origins.length}x${effectiveDestinations().length}.csv`);
  } catch (e) {
    if (e instanceof ApiRequestError) setMatrix({ error: e.message });
    else handleError(e);
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
