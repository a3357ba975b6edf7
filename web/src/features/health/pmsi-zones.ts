import { api, call } from '../../api/client';
import { healthStore, setHealth } from './state';
import type { Bbox } from '../../state/workspace';

/**
 * The PMSI code géo outlines cover the view they were asked for: when the map moves while they are shown,
 * ask again for the new view. Only the latest answer is kept, and none once the user has switched them off.
 */
let request = 0;
export async function reloadPmsiZones(bounds: Bbox) {
  if (!healthStore.get().zones) return;
  const mine = ++request;
  try {
    const zones = await call(api.health.zones.$get({ query: { bbox: bounds.map((v) => v.toFixed(4)).join(','), limit: '2000' } }));
    if (mine === request && healthStore.get().zones) setHealth({ zones });
  } catch (e) {
    console.warn('codes géo PMSI non rechargés', e);
  }
}
