import { COMMUNE_CODE_RE, DEPARTEMENT_CODE_RE, REGION_CODE_RE } from '../lib/codes';

/**
 * The place in the URL, shareable: `#commune=48095` (a commune sheet; an old merged code opens its successor),
 * `#departement=48` or `#region=76` (a territory picked in the search). One place at a time; other hash
 * keys (e.g. `hospitals=1`) are kept as they are.
 */
export type PlaceKind = 'commune' | 'departement' | 'region';
const PLACE_KINDS: PlaceKind[] = ['commune', 'departement', 'region'];
const CODE_RE: Record<PlaceKind, RegExp> = { commune: COMMUNE_CODE_RE, departement: DEPARTEMENT_CODE_RE, region: REGION_CODE_RE };

export function placeFromHash(): { kind: PlaceKind; code: string } | null {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const kind of PLACE_KINDS) {
    const code = params.get(kind)?.trim().toUpperCase();
    if (code && CODE_RE[kind].test(code)) return { kind, code };
  }
  return null;
}

export function communeFromHash(): string | null {
  const place = placeFromHash();
  return place?.kind === 'commune' ? place.code : null;
}

/** Sets (or, with null, removes) the place of the URL without adding a history entry. */
export function setPlaceHash(place: { kind: PlaceKind; code: string } | null) {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const kind of PLACE_KINDS) params.delete(kind);
  if (place) params.set(place.kind, place.code);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

export const setCommuneHash = (code: string | null) => setPlaceHash(code ? { kind: 'commune', code } : null);
