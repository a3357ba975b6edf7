import { api, call, type IsochroneResult, type RoutingStatus } from '../../api/client';
import { handleError } from '../../state/actions';
import { defineSlice } from '../../state/workspace';
import { startTool, toolStore, cancelTool } from '../../map/tools';
import { ISO } from '../../lib/messages/isochrone';
import { rememberIsochroneRequest } from './export';

/** The drive-time feature's slice (Panel.tsx, layers.ts); the click-point tool lives in the shared tools slice. */
export interface IsochroneState {
  status: RoutingStatus | null;
  breaksText: string;
  result: IsochroneResult | null;
  /** Name of the commune or site the bands start from (null: a clicked point). */
  originLabel: string | null;
  busy: boolean;
}

export const isochroneStore = defineSlice('isochrone', { status: null, breaksText: '10, 20, 30', result: null, originLabel: null, busy: false });

export type IsochroneOrigin = [number, number] | { communeCode: string };
const OWNER = 'isochrones';

export async function computeIsochrone(origin: IsochroneOrigin, label: string | null) {
  const breaksMin = isochroneStore.get().breaksText.split(/[,; ]+/).filter(Boolean).map(Number);
  isochroneStore.set({ busy: true, originLabel: label });
  rememberIsochroneRequest({ origin, breaksMin });
  try {
    isochroneStore.set({ result: await call(api.routing.isochrones.$post({ json: { origin, breaksMin } })) });
  } catch (e) {
    handleError(e);
  } finally {
    isochroneStore.set({ busy: false });
  }
}

/** True while the shared map tool is the isochrone origin picker. */
export const isochroneToolOn = (tools = toolStore.get()) => tools.active?.owner === OWNER;

/** The origin picker: the shared click-point tool (crosshair, status line, Escape); each click draws bands from that point. */
export function toggleIsochroneTool() {
  if (isochroneToolOn()) return cancelTool();
  startTool({ id: 'click-point', owner: OWNER, status: ISO.toolStatus, repeat: true, onPoint: (lngLat) => void computeIsochrone(lngLat, null) });
}

export const clearIsochrone = () => isochroneStore.set({ result: null, originLabel: null });
