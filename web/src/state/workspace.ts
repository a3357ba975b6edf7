import type { CommuneSheetData, Indicator, IsochroneResult, RoutingStatus } from '../api/client';
import type { ClassMethod } from '../lib/classify';
import type { LabelData } from '../lib/labels';
import { createStore } from './store';

export type Bbox = [number, number, number, number];

export interface ViewState {
  zoom: number;
  bounds: Bbox;
}

/** The drive-time tool (panels/IsochronePanel.tsx, layers/isochrones.ts). */
export interface IsochroneState {
  status: RoutingStatus | null;
  active: boolean;
  breaksText: string;
  result: IsochroneResult | null;
  /** Name of the commune or site the bands start from (null: a clicked point). */
  originLabel: string | null;
  busy: boolean;
}

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

/** The drive-time matrix tool (panels/MatrixPanel.tsx, state/matrix.ts); no destinations = the origins. */
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

export interface ToastAction {
  label: string;
  run(): void;
}

export interface UiState {
  helpOpen: boolean;
  /** Phone layout: the bottom sheet of panels is swiped down to its handle. */
  sheetCollapsed: boolean;
  legendOpen: boolean;
}

/** Phone layout breakpoint (styles.css uses the same width). */
export const PHONE_MEDIA = '(max-width: 760px)';
const isPhone = () => typeof window !== 'undefined' && window.matchMedia?.(PHONE_MEDIA).matches === true;

/**
 * Everything the workspace shows. Panels read it with `workspace.use(s => s.x)`, deck.gl layers are built
 * from it each render (`buildLayers(state)` in layers/index.ts). A feature adds its own field here
 * (like `isochrone`), a panel in panels/index.ts and a layer function in layers/index.ts.
 */
export interface WorkspaceState {
  view: ViewState | null;
  config: { basemapStyleUrl: string | null; attribution: string[] } | null;
  indicators: Indicator[];
  indicatorId: string;
  method: ClassMethod;
  values: { indicatorId: string; codes: string[]; values: (number | null)[] } | null;
  labels: LabelData | null;
  sheet: { data: CommuneSheetData; replacedFrom: string | null } | null;
  toast: string | null;
  /** A button in the toast (e.g. "Annuler" after a deletion); cleared with the toast. */
  toastAction: ToastAction | null;
  /** The app shell: help dialog, phone bottom sheet collapsed, legend shown. */
  ui: UiState;
  isochrone: IsochroneState;
  matrix: MatrixState;
}

export const workspace = createStore<WorkspaceState>({
  view: null,
  config: null,
  indicators: [],
  indicatorId: 'density',
  method: 'quantile',
  values: null,
  labels: null,
  sheet: null,
  toast: null,
  toastAction: null,
  // on a phone the legend starts folded (it would cover a third of the map)
  ui: { helpOpen: false, sheetCollapsed: false, legendOpen: !isPhone() },
  isochrone: { status: null, active: false, breaksText: '10, 20, 30', result: null, originLabel: null, busy: false },
  matrix: { open: false, status: null, target: 'origins', input: '', origins: [], destinations: [], result: null, error: null, busy: false },
});

/** Updates one nested feature slice, e.g. `patchSlice('isochrone', { busy: true })`. */
export function patchSlice<K extends keyof WorkspaceState>(key: K, patch: Partial<WorkspaceState[K]>) {
  workspace.set((s) => ({ [key]: { ...(s[key] as object), ...patch } }) as Partial<WorkspaceState>);
}
