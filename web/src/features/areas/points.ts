import { candidates, type AreasState } from './slice';
import type { STORE_COLORS } from './colors';

export interface StorePoint { key: string; lon: number; lat: number; kind: keyof typeof STORE_COLORS }

/** The stores of the shown result (own / competitor / off the network) and the what-if candidate sites. */
export function storePoints(s: AreasState): StorePoint[] {
  type Row = { key: string; role?: string; lon?: number; lat?: number; offNetworkReason?: string | null };
  // the tab's own result when its rows are located (the what-if rows are not: the Huff result's stores then)
  const located = [s.results[s.tab], s.results.huff].find((r) => (r?.stores as Row[] | undefined)?.[0]?.lon !== undefined);
  const rows = (located?.stores ?? []) as { key: string; role?: string; lon?: number; lat?: number; offNetworkReason?: string | null }[];
  const points: StorePoint[] = rows.flatMap((row) =>
    row.lon === undefined || row.lat === undefined ? [] : [{ key: row.key, lon: row.lon, lat: row.lat, kind: row.offNetworkReason ? 'offNetwork' : row.role === 'competitor' ? 'competitor' : 'own' }],
  );
  return [...points, ...candidates(s).map((c, i) => ({ key: `candidate-${i}`, lon: c.lonLat[0], lat: c.lonLat[1], kind: 'candidate' as const }))];
}

