import type { IsochroneResult } from '../../api/client';
import { createZone } from '../zones/actions';
import { bandLabel, ISO } from '../../lib/messages/isochrone';

/** Where the bands start, for a zone name: the commune or site name, else the clicked point ("48,8985 ; 2,0934"). */
export const originName = (result: IsochroneResult, originLabel: string | null) =>
  originLabel ?? `${result.origin.lat.toFixed(4).replace('.', ',')} ; ${result.origin.lon.toFixed(4).replace('.', ',')}`;

/** Default name of a saved band: « ≤ 20 min autour de Saint-Germain-en-Laye ». */
export const bandZoneName = (breakSec: number, result: IsochroneResult, originLabel: string | null) =>
  ISO.bandZoneName(bandLabel(breakSec), originName(result, originLabel));

/**
 * The band's members: every commune whose own drive time (the result's rule, `communeTimeRule`) is within the
 * threshold — bands are cumulative, so « ≤ 20 min » holds the « ≤ 10 min » communes too. Pure.
 */
export const bandCommuneCodes = (result: IsochroneResult, breakSec: number): string[] =>
  result.communes.filter((c) => c.bandBreakSec <= breakSec).map((c) => c.code);

/** Saves a band as a zone (kind 'isochrone', its parameters as the method); the zone's profile then opens. */
export function saveBandAsZone(result: IsochroneResult, breakSec: number, name: string): Promise<boolean> {
  return createZone({
    name,
    kind: 'isochrone',
    codes: bandCommuneCodes(result, breakSec),
    method: {
      type: 'isochrone',
      breakMin: Math.round((breakSec / 60) * 10) / 10,
      origin: { lon: result.origin.lon, lat: result.origin.lat },
      communeTimeRule: result.communeTimeRule,
    },
  });
}
