import { createElement } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { defineSlice } from '../state/workspace';
import { TOOL_LABELS, M } from '../lib/messages/zones';
import { withMap } from './handle';
import './tools.css';

/**
 * The ONE map-tool mechanism: at most one tool is active (draw a polygon, pick communes, click a point);
 * it shows in the cursor (a class on the map container) and in the status line, and Escape cancels it.
 * A feature starts a tool with callbacks; map clicks reach the tool through `toolMapClick` (the App's
 * map-click chain), before any panel's own click handling.
 */
export type MapToolId = 'draw-polygon' | 'pick-communes' | 'click-point';
export type LonLat = [number, number];

export interface ToolRequest {
  id: MapToolId;
  /** Who started it (a feature id): lets a feature tell its own tool from another's. */
  owner: string;
  /** Status line text; defaults to the tool's generic label. */
  status?: string;
  /** click-point: the tool stays on after a click (each click is a new point) until cancelled. */
  repeat?: boolean;
  onPolygon?(polygon: GeoJSON.Polygon): void;
  onPick?(communeCode: string, lngLat: LonLat): void;
  onPoint?(lngLat: LonLat): void;
  /** pick-communes: the user said "Terminer". */
  onDone?(): void;
  onCancel?(): void;
}

export interface ToolState {
  active: ToolRequest | null;
  /** draw-polygon: the vertices clicked so far ([lon, lat]). */
  vertices: LonLat[];
  /** draw-polygon: the pointer, for the rubber band from the last vertex. */
  hover: LonLat | null;
}

/** The tools slice of the one store (state/workspace.ts): the map's deck.gl layers read it (map/tool-layers.ts). */
export const toolStore = defineSlice('tools', { active: null, vertices: [], hover: null });

// Pure updaters.
export const withVertex = (s: ToolState, p: LonLat): ToolState => ({ ...s, vertices: [...s.vertices, p] });
export const withoutLastVertex = (s: ToolState): ToolState => ({ ...s, vertices: s.vertices.slice(0, -1) });
/** Closes a ring of ≥ 3 distinct vertices into a GeoJSON Polygon, or null. */
export function closeRing(vertices: LonLat[]): GeoJSON.Polygon | null {
  const v = vertices.filter((p, i) => i === 0 || p[0] !== vertices[i - 1][0] || p[1] !== vertices[i - 1][1]);
  if (v.length > 1 && v[0][0] === v.at(-1)![0] && v[0][1] === v.at(-1)![1]) v.pop();
  return v.length < 3 ? null : { type: 'Polygon', coordinates: [[...v, v[0]]] };
}

const setTool = (patch: Partial<ToolState>) => toolStore.set(patch);

export const activeToolId = (): MapToolId | 'none' => toolStore.get().active?.id ?? 'none';

let detach: (() => void) | null = null;

export function startTool(request: ToolRequest) {
  const previous = toolStore.get().active;
  if (previous) endTool(true);
  setTool({ active: request, vertices: [], hover: null });
  withMap((map) => {
    if (toolStore.get().active !== request) return;
    detach = attach(map, request.id);
  });
}

/** Ends the active tool; `cancelled` tells its owner (Escape, another tool started, the cancel button). */
export function endTool(cancelled = false) {
  const { active } = toolStore.get();
  detach?.();
  detach = null;
  setTool({ active: null, vertices: [], hover: null });
  if (cancelled) active?.onCancel?.();
}
export const cancelTool = () => endTool(true);

/** draw-polygon: closes the ring and hands the polygon to the owner; false while under 3 vertices. */
export function finishPolygon(): boolean {
  const { active, vertices } = toolStore.get();
  const polygon = closeRing(vertices);
  if (!active || active.id !== 'draw-polygon' || !polygon) return false;
  endTool(false);
  active.onPolygon?.(polygon);
  return true;
}

/** pick-communes: ends the tool and tells its owner the picking is over. */
export function finishPick() {
  const { active } = toolStore.get();
  endTool(false);
  active?.onDone?.();
}

/** App map-click hook: the active tool consumes the click (true), else the click goes on down the chain. */
export function toolMapClick(lngLat: LonLat, communeCode: string | null): boolean {
  const s = toolStore.get();
  const tool = s.active;
  if (!tool) return false;
  if (tool.id === 'draw-polygon') setTool(withVertex(s, lngLat));
  else if (tool.id === 'pick-communes') communeCode && tool.onPick?.(communeCode, lngLat);
  else {
    if (!tool.repeat) endTool(false);
    tool.onPoint?.(lngLat);
  }
  return true;
}

/** Map-side wiring while a tool is on: cursor class, double-click closes the polygon, rubber band, keys. */
function attach(map: MapLibreMap, id: MapToolId): () => void {
  const container = map.getContainer();
  container.classList.add('map-tool', `map-tool-${id}`);
  const dblZoom = map.doubleClickZoom.isEnabled();
  map.doubleClickZoom.disable();
  const onMove = (e: MapMouseEvent) => id === 'draw-polygon' && setTool({ hover: [e.lngLat.lng, e.lngLat.lat] });
  // A double click fires two clicks first: the second added a duplicate vertex, closeRing drops it.
  const onDbl = (e: MapMouseEvent) => {
    if (id !== 'draw-polygon') return;
    e.preventDefault();
    finishPolygon();
  };
  const onKey = (e: KeyboardEvent) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === 'Escape') cancelTool();
    else if (typing || id !== 'draw-polygon') return;
    else if (e.key === 'Enter') finishPolygon();
    else if (e.key === 'Backspace') setTool(withoutLastVertex(toolStore.get()));
  };
  map.on('mousemove', onMove);
  map.on('dblclick', onDbl);
  window.addEventListener('keydown', onKey);
  return () => {
    container.classList.remove('map-tool', `map-tool-${id}`);
    if (dblZoom) map.doubleClickZoom.enable();
    map.off('mousemove', onMove);
    map.off('dblclick', onDbl);
    window.removeEventListener('keydown', onKey);
  };
}

/** The status line: what the active tool expects, with its finish and cancel buttons. */
export function ToolStatusLine() {
  const { active, vertices } = toolStore.use((s) => s);
  if (!active) return null;
  const canFinish = active.id === 'draw-polygon' && closeRing(vertices) !== null;
  return createElement(
    'div',
    { className: 'tool-status', role: 'status', 'data-testid': 'tool-status', 'data-tool': active.id },
    createElement('span', null, active.status ?? TOOL_LABELS[active.id]),
    active.id === 'draw-polygon' && createElement('button', { className: 'toggle on', onClick: () => finishPolygon(), disabled: !canFinish }, M.finish),
    active.id === 'pick-communes' && createElement('button', { className: 'toggle on', onClick: finishPick }, M.finish),
    createElement('button', { className: 'toggle', onClick: cancelTool, title: 'Échap' }, M.cancel),
  );
}
