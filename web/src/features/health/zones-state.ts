import type { InferResponseType } from 'hono/client';
import { api, call, type ApiErrorBody } from '../../api/client';
import { handleError } from '../../state/actions';
import { defineSlice } from '../../state/workspace';
import { startTool, toolStore } from '../../map/tools';
import { HEALTH } from '../../lib/messages/health';
import type { LeakageAutarky } from '../../../../api/src/domain/health/flows';

/**
 * Zone indicators of the health feature (stays by establishment, market shares, leakage, autarky) for a
 * commune set, a département, PMSI codes géo or a polygon drawn on the map; flow datasets and their import.
 */
export type ZoneSelection =
  | { kind: 'departement'; code: string }
  | { kind: 'communes'; codes: string[] }
  | { kind: 'zones'; codes: string[] }
  | { kind: 'polygon'; polygon: GeoJSON.Polygon };
// The route answers JSON or a CSV file (an untyped Response, which hides the JSON type from the client): said here.
export type HealthZoneIndicators = Omit<LeakageAutarky, 'byEstablishment'> & {
  dataset: { id: string; label: string; synthetic: boolean; year: number; source: string | null };
  zoneCodes: string[];
  establishmentsInside: string[];
  byEstablishment: (LeakageAutarky['byEstablishment'][number] & { name: string | null })[];
};
export type FlowDataset = InferResponseType<typeof api.health.flows.datasets.$get, 200>['datasets'][number];
export interface FlowRowError { row: number; field: string; reason: string }
export interface FlowImportReport {
  fileName: string;
  ok: boolean;
  message: string;
  datasets: { id: string; year: number; rowCount: number }[];
  errors: FlowRowError[];
}

export interface HealthZoneState {
  datasetId: string;
  datasets: FlowDataset[] | null;
  selection: ZoneSelection | null;
  result: HealthZoneIndicators | null;
  busy: boolean;
  /** The last polygon drawn (kept on the map with its indicators). */
  polygon: GeoJSON.Polygon | null;
  importReport: FlowImportReport | null;
  importing: boolean;
}

export const DEFAULT_FLOW_DATASET = 'modelled-2024';
export const healthZoneStore = defineSlice('healthZones', {
  datasetId: DEFAULT_FLOW_DATASET, datasets: null, selection: null, result: null, busy: false, polygon: null, importReport: null, importing: false,
});

/** Sets the slice; the map redraws its deck.gl layers (the drawn polygon is one) from the one store. */
export const setZones = (patch: Partial<HealthZoneState>) => healthZoneStore.set(patch);

export async function loadFlowDatasets() {
  try {
    setZones({ datasets: (await call(api.health.flows.datasets.$get())).datasets });
  } catch (e) {
    handleError(e);
  }
}

const queryOf = (s: Exclude<ZoneSelection, { kind: 'polygon' }>) =>
  s.kind === 'departement' ? { departement: s.code } : s.kind === 'communes' ? { communes: s.codes.join(',') } : { zones: s.codes.join(',') };

/** The API request for a selection in JSON or CSV (GET with codes, POST with a drawn polygon). */
function request(s: ZoneSelection, dataset: string, format: 'json' | 'csv') {
  return s.kind === 'polygon'
    ? api.health['zone-indicators'].$post({ json: { polygon: s.polygon, dataset, format } })
    : api.health['zone-indicators'].$get({ query: { ...queryOf(s), dataset, format } });
}

export async function computeZoneIndicators(selection: ZoneSelection) {
  const { datasetId } = healthZoneStore.get();
  setZones({ selection, busy: true, result: null });
  try {
    setZones({ result: (await call(request(selection, datasetId, 'json'))) as HealthZoneIndicators });
  } catch (e) {
    handleError(e);
  } finally {
    setZones({ busy: false });
  }
}

/** Downloads the zone's indicators as CSV (labelled "modelled, not observed" on every row when modelled). */
export async function downloadZoneCsv() {
  const { selection, datasetId } = healthZoneStore.get();
  if (!selection) return;
  try {
    const res = await request(selection, datasetId, 'csv');
    if (!res.ok) return void (await call(res as never));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `indicateurs-zone-${datasetId}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    handleError(e);
  }
}

export function setFlowDataset(datasetId: string) {
  setZones({ datasetId });
  const { selection } = healthZoneStore.get();
  if (selection) void computeZoneIndicators(selection);
}

const OWNER = 'health';
/** True while the shared draw-polygon tool (map/tools.ts) draws the health zone. */
export const healthDrawing = (tools = toolStore.get()) => tools.active?.owner === OWNER;

/** Draws the zone with the shared draw-polygon tool; the closed polygon's code géo zones get their indicators. */
export function startDrawing() {
  setZones({ polygon: null });
  startTool({
    id: 'draw-polygon', owner: OWNER, status: HEALTH.zone.drawStatus,
    onPolygon: (polygon) => {
      setZones({ polygon });
      void computeZoneIndicators({ kind: 'polygon', polygon });
    },
  });
}

/** Imports an "origine des patients" file (CSV/XLSX); a file with bad rows stores nothing and lists them. */
export async function importFlowFile(file: File) {
  setZones({ importing: true, importReport: null });
  const form = new FormData();
  form.set('file', file);
  try {
    const res = await fetch(api.health.flows.import.$url(), { method: 'POST', body: form });
    const body = await res.json();
    if (res.ok) {
      const r = body as { datasets: FlowImportReport['datasets']; note: string | null };
      setZones({ importReport: { fileName: file.name, ok: true, message: r.note ?? '', datasets: r.datasets, errors: [] } });
      await loadFlowDatasets();
      if (r.datasets.length) setFlowDataset(r.datasets[r.datasets.length - 1].id);
    } else {
      const err = (body as ApiErrorBody).error;
      const errors = Array.isArray(err.details) ? (err.details as FlowRowError[]) : [];
      setZones({ importReport: { fileName: file.name, ok: false, message: err.message, datasets: [], errors } });
    }
  } catch (e) {
    handleError(e);
  } finally {
    setZones({ importing: false });
  }
}
