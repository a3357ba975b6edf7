/** Zones: any saved set of communes with the method that made it. Pure types and rules. */

export const ZONE_KINDS = ['drawn', 'list', 'admin', 'isochrone', 'import', 'trade_area', 'basin', 'sector'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const DEFAULT_WORKSPACE = 'default';
export const LOCAL_USER = 'utilisateur local';

/** Parameters of whatever computed the zone, stored with it so a figure can be traced back. */
export type ZoneMethod = { type: string } & Record<string, unknown>;

export interface ZoneMember {
  communeCode: string;
  /** 0–1: partial (polygon cut) or probabilistic (Huff) membership; 1 for whole communes. */
  weight: number;
}

export interface ZoneSummary {
  id: string;
  name: string;
  description: string;
  kind: ZoneKind;
  method: ZoneMethod;
  version: number;
  communeCount: number;
  populationCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ZoneVersionInfo {
  version: number;
  createdAt: string;
  communeCount: number;
  note: string;
}

export interface ZoneDetail extends ZoneSummary {
  versions: ZoneVersionInfo[];
  members: { communeCode: string; name: string; weight: number }[];
  geometry: GeoJSON.Geometry | null;
  bbox: [number, number, number, number] | null;
}

/** Above this, a weight is stored as 1 (rounding noise of area shares). */
const FULL_WEIGHT = 0.999;

/** Members deduplicated (highest weight kept), weights in (0, 1] rounded to 4 decimals, sorted by code. */
export function normalizeMembers(members: readonly ZoneMember[]): ZoneMember[] {
  const best = new Map<string, number>();
  for (const m of members) {
    const w = Number.isFinite(m.weight) ? Math.min(1, Math.max(0, m.weight)) : 1;
    if (w <= 0) continue;
    best.set(m.communeCode, Math.max(best.get(m.communeCode) ?? 0, w));
  }
  return [...best]
    .map(([communeCode, w]) => ({ communeCode, weight: w >= FULL_WEIGHT ? 1 : Math.round(w * 10_000) / 10_000 || 0.0001 }))
    .sort((a, b) => (a.communeCode < b.communeCode ? -1 : a.communeCode > b.communeCode ? 1 : 0));
}

/** Members after an edit: `add` joins with weight 1 (or keeps its current weight), `remove` leaves. */
export function editMembers(current: readonly ZoneMember[], add: readonly string[], remove: readonly string[]): ZoneMember[] {
  const gone = new Set(remove);
  const kept = current.filter((m) => !gone.has(m.communeCode));
  const have = new Set(kept.map((m) => m.communeCode));
  return normalizeMembers([...kept, ...add.filter((c) => !have.has(c) && !gone.has(c)).map((communeCode) => ({ communeCode, weight: 1 }))]);
}

/** True when two member lists differ (codes or weights): only then does an edit make a new version. */
export function membersDiffer(a: readonly ZoneMember[], b: readonly ZoneMember[]): boolean {
  if (a.length !== b.length) return true;
  const x = normalizeMembers(a);
  const y = normalizeMembers(b);
  return x.some((m, i) => m.communeCode !== y[i].communeCode || m.weight !== y[i].weight);
}

/** A one-line note for a new version (what changed). */
export function versionNote(before: readonly ZoneMember[], after: readonly ZoneMember[]): string {
  const b = new Set(before.map((m) => m.communeCode));
  const a = new Set(after.map((m) => m.communeCode));
  const added = [...a].filter((c) => !b.has(c)).length;
  const removed = [...b].filter((c) => !a.has(c)).length;
  const parts = [];
  if (added) parts.push(`${added} commune${added > 1 ? 's' : ''} ajoutée${added > 1 ? 's' : ''}`);
  if (removed) parts.push(`${removed} commune${removed > 1 ? 's' : ''} retirée${removed > 1 ? 's' : ''}`);
  return parts.join(', ') || 'Pondérations modifiées';
}

/** The polygon membership rule (said in the zone's method and the resolution notes). */
export const POLYGON_RULE = { minShareRatio: 0.1 } as const;
export const POLYGON_RULE_FR = 'Une commune est membre si au moins 10 % de sa surface est dans le polygone ou si son centre y est ; son poids est la part de sa surface à l’intérieur.';

/** Applies the polygon rule to area shares: kept if share ≥ 10 % or point inside; weight = share (at least 0.0001). */
export function polygonMembers(cuts: readonly { communeCode: string; shareRatio: number; pointInside: boolean }[]): ZoneMember[] {
  return normalizeMembers(
    cuts.filter((c) => c.shareRatio >= POLYGON_RULE.minShareRatio || c.pointInside).map((c) => ({ communeCode: c.communeCode, weight: Math.max(c.shareRatio, 0.0001) })),
  );
}
