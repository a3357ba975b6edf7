import type { ComponentType } from 'react';
import { CommuneSheet } from './CommuneSheet';
import * as zones from '../features/zones';
import * as areas from '../features/areas';
import * as basins from '../features/basins';
import * as sectors from '../features/sectors';
import * as isochrones from '../features/isochrones';
import * as matrix from '../features/matrix';
import * as health from '../features/health';
import * as layers from '../features/layers';

/**
 * A section of the panel column. It reads and writes its slice of the one store itself (state/workspace.ts).
 * Map clicks go to the active map tool first (map/tools.ts), then to what is under the click (map/picking.ts),
 * else the commune sheet opens: a panel has no click hook of its own.
 */
export interface PanelDefinition {
  id: string;
  Component: ComponentType;
}

/**
 * Extension point: a feature folder (features/<name>/index.ts → { Panel, slice, layers, legend?, tool? }) adds ONE line here.
 * Order = top to bottom.
 */
export const PANELS: PanelDefinition[] = [
  { id: 'commune-sheet', Component: CommuneSheet },
  { id: 'zone-profile', Component: zones.Sheet }, // the zone profile is a right-hand sheet
  { id: 'isochrones', Component: isochrones.Panel },
  { id: 'matrix', Component: matrix.Panel },
  { id: 'health', Component: health.Panel },
  { id: 'layers', Component: layers.Panel },
  { id: 'zones', Component: zones.Panel },
  { id: 'areas', Component: areas.Panel },
  { id: 'basins', Component: basins.Panel },
  { id: 'sectors', Component: sectors.Panel },
];
