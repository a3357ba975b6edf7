import type { CommuneProfile, CommuneSheetData, Indicator } from '../api/client';
import type { ZonesState } from '../features/zones/slice';
import type { ToolState } from '../map/tools';
import type { LayersState } from '../features/layers/state';
import type { PointStyleState } from '../features/layers/point-style';
import type { HealthState } from '../features/health/state';
import type { HealthZoneState } from '../features/health/zones-state';
import type { IsochroneState } from '../features/isochrones/state';
import type { MatrixState } from '../features/matrix/state';
import type { AreasState } from '../features/areas/slice';
import type { BasinsState } from '../features/basins/slice';
import type { SectorsState } from '../features/sectors/slice';
import type { ClassMethod } from '../lib/classify';
import type { LabelData } from '../lib/labels';
import { createStore, sliceOf } from './store';

export type Bbox = [number, number, number, number];

export interface ViewState {
  zoom: number;
  bounds: Bbox;
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

/** App-level state: the map view, config, the choropleth (indicators, values), the commune sheet, toast, shell. */
export interface AppState {
  view: ViewState | null;
  config: { basemapStyleUrl: string | null; attribution: string[] } | null;
  indicators: Indicator[];
  indicatorId: string;
  method: ClassMethod;
  /** `palette`: a categorical map (e.g. flow basins): value k ≥ 0 is drawn palette[k % length], no classes. */
  values: { indicatorId: string; codes: string[]; values: (number | null)[]; palette?: string[] } | null;
  labels: LabelData | null;
  /** The commune sheet; `profile` is its INSEE description (GET /api/communes/:code/profile), null while it loads. */
  sheet: { data: CommuneSheetData; replacedFrom: string | null; profile: CommuneProfile | null } | null;
  toast: string | null;
  /** A button in the toast (e.g. "Annuler" after a deletion); cleared with the toast. */
  toastAction: ToastAction | null;
  /** The app shell: help dialog, phone bottom sheet collapsed, legend shown. */
  ui: UiState;
}

/** One slice per feature; each slice's type and initial state live in its feature folder (`defineSlice` there). */
export interface FeatureSlices {
  zones: ZonesState;
  tools: ToolState;
  layers: LayersState;
  pointStyle: PointStyleState;
  health: HealthState;
  healthZones: HealthZoneState;
  isochrone: IsochroneState;
  matrix: MatrixState;
  areas: AreasState;
  basins: BasinsState;
  sectors: SectorsState;
}

/**
 * The ONE store: app-level state plus a slice per feature. Panels read it with `workspace.use(s => s.x)` or through
 * their slice view (`zonesStore.use(s => s.list)`); deck.gl layers are built from it each render
 * (`buildLayers(state)` in layers/index.ts). One subscription, one picture of everything (`window.__maillageState()`).
 */
export interface WorkspaceState extends AppState, FeatureSlices {}

const appInitial: AppState = {
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
};

// Feature slices are put in by their own modules (defineSlice), which every reader imports first.
export const workspace = createStore<WorkspaceState>(appInitial as WorkspaceState);
if (typeof window !== 'undefined') (window as unknown as { __maillageState?: () => WorkspaceState }).__maillageState = workspace.get;

/** A feature's slice in the one store: `get/set/use/subscribe` scoped to `state[key]`. */
export const defineSlice = <K extends keyof FeatureSlices>(key: K, initial: FeatureSlices[K]) => sliceOf(workspace, key, initial);

/** Updates one nested part of the state, e.g. `patchSlice('ui', { helpOpen: true })` (a feature uses its own slice view). */
export function patchSlice<K extends keyof WorkspaceState>(key: K, patch: Partial<WorkspaceState[K]>) {
  workspace.set((s) => ({ [key]: { ...(s[key] as object), ...patch } }) as Partial<WorkspaceState>);
}
