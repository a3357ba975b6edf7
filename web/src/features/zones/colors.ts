import type { ZonesState } from './slice';

export type Rgb = [number, number, number];
/** Zone outline colours, in comparison order. Dark, saturated hues drawn over a white halo: readable on the
 *  pale basemap, on every choropleth ramp and on an aerial basemap alike. */
export const ZONE_COLORS: Rgb[] = [[31, 95, 139], [200, 30, 140], [214, 96, 14], [20, 120, 80], [110, 60, 170], [150, 40, 40]];
export const zoneColor = (i: number) => ZONE_COLORS[((i % ZONE_COLORS.length) + ZONE_COLORS.length) % ZONE_COLORS.length];
export const rgb = (c: Rgb) => `rgb(${c.join(',')})`;

/** Which zones are drawn and in which colour: the compared ones in table order, else the open zone. */
export function shownZones(s: ZonesState): { id: string; name: string; color: Rgb; geometry: GeoJSON.Geometry }[] {
  const ids = s.compareOpen && s.comparison ? s.comparison.zones.map((z) => z.id) : s.openId ? [s.openId] : [];
  const name = (id: string) => s.comparison?.zones.find((z) => z.id === id)?.name ?? s.list?.find((z) => z.id === id)?.name ?? s.detail?.name ?? id;
  return ids.flatMap((id, i) => (s.geometries[id] ? [{ id, name: name(id), color: zoneColor(i), geometry: s.geometries[id] }] : []));
}

