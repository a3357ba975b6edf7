import { candidates, moves, type AreasState } from './slice';
import type { STORE_COLORS } from './colors';

export interface StorePoint { key: string; lon: number; lat: number; kind: keyof typeof STORE_COLORS }

/** A store moved in the what-if: from its place in the result to the clicked one. */
export interface StoreMove { key: string; name: string; from: [number, number]; to: [number, number] }

type Row = { key: string; name?: string; role?: string; lon?: number; lat?: number; offNetworkReason?: string | null };

/** The shown result's located store rows (the tab's own, else the Huff result's: the what-if rows have no place). */
function locatedRows(s: AreasState): Row[] {
  const located = [s.results[s.tab], s.results.huff].find((r) => (r?.stores as Row[] | undefined)?.[0]?.lon !== undefined);
  return (located?.stores ?? []) as Row[];
}

/**
 * The stores of the shown result (own / competitor / off the network), the what-if candidate sites, and each moved
 * store twice: its old place hollow grey, its new place in its role's colour.
 */
export function storePoints(s: AreasState): StorePoint[] {
  const moved = new Map(storeMoves(s).map((m) => [m.key, m]));
  const points: StorePoint[] = locatedRows(s).flatMap((row) => {
    if (row.lon === undefined || row.lat === undefined) return [];
    const kind = row.offNetworkReason ? 'offNetwork' : row.role === 'competitor' ? 'competitor' : 'own';
    const move = moved.get(row.key);
    if (!move) return [{ key: row.key, lon: row.lon, lat: row.lat, kind }];
    return [{ key: `${row.key}:avant`, lon: row.lon, lat: row.lat, kind: 'movedFrom' }, { key: row.key, lon: move.to[0], lat: move.to[1], kind }];
  });
  return [...points, ...candidates(s).map((c, i) => ({ key: `candidate-${i}`, lon: c.lonLat[0], lat: c.lonLat[1], kind: 'candidate' as const }))];
}

/** The what-if's moves whose store is in the shown result (the last move of a store wins). */
export function storeMoves(s: AreasState): StoreMove[] {
  const rows = new Map(locatedRows(s).map((r) => [r.key, r]));
  const last = new Map(moves(s).map((m) => [m.key, m]));
  return [...last.values()].flatMap((m) => {
    const row = rows.get(m.key);
    return row?.lon === undefined || row.lat === undefined ? [] : [{ key: m.key, name: row.name ?? m.key, from: [row.lon, row.lat] as [number, number], to: m.to }];
  });
}
