import type { ComponentType } from 'react';
import type { WorkspaceState } from '../state/workspace';
import { CommuneSheet } from './CommuneSheet';
import { IsochronePanel, isochroneMapClick } from './IsochronePanel';
import { MatrixPanel } from './MatrixPanel';
import { HealthPanel } from './health';
import { healthMapClick } from '../state/health';
import { LayersPanel } from './LayersPanel';
import { layersMapClick } from '../state/layers';
import * as zones from '../features/zones';
import { activeToolId } from '../map/tools';

/** A panel of the right-hand column. It reads and writes the workspace store itself (state/workspace.ts). */
export interface PanelDefinition {
  id: string;
  Component: ComponentType;
  /**
   * Optional map-click hook, asked in registry order before the default (open the commune sheet):
   * return true when the panel's tool consumed the click (e.g. the isochrone tool takes it as an origin).
   */
  onMapClick?(lngLat: [number, number], communeCode: string | null): boolean;
  /** True while the panel's map tool waits for a click (the map shows a crosshair). */
  toolActive?(state: WorkspaceState): boolean;
}

/**
 * Extension point: a feature adds `panels/<Feature>Panel.tsx` and ONE line here. Order = top to bottom.
 */
export const PANELS: PanelDefinition[] = [
  { id: 'commune-sheet', Component: CommuneSheet },
  // the shared map tool (map/tools.ts) takes clicks first while active; the zone profile is a right-hand sheet
  { id: 'zone-profile', Component: zones.Sheet, onMapClick: zones.tool.onMapClick, toolActive: () => activeToolId() !== 'none' },
  { id: 'isochrones', Component: IsochronePanel, onMapClick: isochroneMapClick, toolActive: (s) => s.isochrone.active },
  { id: 'matrix', Component: MatrixPanel },
  { id: 'health', Component: HealthPanel, onMapClick: healthMapClick },
  { id: 'layers', Component: LayersPanel, onMapClick: layersMapClick },
  { id: 'zones', Component: zones.Panel },
];
