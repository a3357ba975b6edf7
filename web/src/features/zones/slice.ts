import { defineSlice } from '../../state/workspace';
import { COMMUNE_CODE_LIST_RE } from '../../lib/codes';
import type { Comparison, ReferenceLevel, Resolution, ZoneDetail, ZoneProfile, ZoneSummary } from './types';

export type CreateMode = 'draw' | 'codes' | 'admin' | 'import';
export interface ImportRowError { row: number; field: string; reason: string }

/** The zones feature's slice: saved zones, the open profile, the comparison and the edit in progress. */
export interface ZonesState {
  list: ZoneSummary[] | null;
  creating: CreateMode | null;
  /** A drawn polygon waiting for its name. */
  drawnPolygon: GeoJSON.Polygon | null;
  /** Unknown codes of the last refused list, and notes (former codes, repaired polygon) of the last creation. */
  unknownCodes: string[];
  notes: string[];
  importErrors: { message: string; rows: ImportRowError[] } | null;
  busy: boolean;
  /** The zone whose profile is open, at `version` (null: latest). */
  openId: string | null;
  version: number | null;
  detail: ZoneDetail | null;
  profile: ZoneProfile | null;
  reference: ReferenceLevel;
  /** Geometries drawn on the map, by zone id (the open zone and the compared ones). */
  geometries: Record<string, GeoJSON.Geometry>;
  compareIds: string[];
  comparison: Comparison | null;
  compareOpen: boolean;
  compareLarge: boolean;
  /** pick-communes edit of a zone: codes to add / remove, with where they were clicked (map markers). */
  edit: { zoneId: string; add: string[]; remove: string[]; marks: { code: string; lngLat: [number, number] }[] } | null;
  /** The zone just deleted, for "Annuler". */
  deleted: { id: string; name: string } | null;
}

export const initialZonesState: ZonesState = {
  list: null, creating: null, drawnPolygon: null, unknownCodes: [], notes: [], importErrors: null, busy: false,
  openId: null, version: null, detail: null, profile: null, reference: 'departement', geometries: {},
  compareIds: [], comparison: null, compareOpen: false, compareLarge: false, edit: null, deleted: null,
};

export const MAX_COMPARED = 6;

// Pure updaters (state in, state out).
export const withList = (s: ZonesState, list: ZoneSummary[]): ZonesState => ({
  ...s,
  list: [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  compareIds: s.compareIds.filter((id) => list.some((z) => z.id === id)),
});

export const withZone = (s: ZonesState, zone: ZoneSummary): ZonesState =>
  withList(s, [...(s.list ?? []).filter((z) => z.id !== zone.id), summaryOf(zone)]);

export const withoutZone = (s: ZonesState, id: string): ZonesState => {
  const { [id]: _dropped, ...geometries } = s.geometries;
  const open = s.openId === id;
  return {
    ...withList(s, (s.list ?? []).filter((z) => z.id !== id)),
    geometries,
    openId: open ? null : s.openId,
    detail: open ? null : s.detail,
    profile: open ? null : s.profile,
    edit: s.edit?.zoneId === id ? null : s.edit,
  };
};

/** Adds or removes a zone from the comparison (at most six; the oldest pick drops out beyond). */
export function toggleCompared(s: ZonesState, id: string): ZonesState {
  const on = s.compareIds.includes(id);
  const ids = on ? s.compareIds.filter((x) => x !== id) : [...s.compareIds, id].slice(-MAX_COMPARED);
  return { ...s, compareIds: ids };
}

/** pick-communes: a member clicked is removed (or un-added); a non-member is added (or un-removed). */
export function togglePicked(s: ZonesState, code: string, lngLat: [number, number], isMember: boolean): ZonesState {
  if (!s.edit) return s;
  const { add, remove, marks } = s.edit;
  const pending = add.includes(code) || remove.includes(code);
  return {
    ...s,
    edit: {
      ...s.edit,
      add: add.includes(code) ? add.filter((c) => c !== code) : isMember ? add : [...add, code],
      remove: remove.includes(code) ? remove.filter((c) => c !== code) : isMember ? [...remove, code] : remove,
      marks: pending ? marks.filter((m) => m.code !== code) : [...marks, { code, lngLat }],
    },
  };
}

export const summaryOf = (z: ZoneSummary): ZoneSummary => ({
  id: z.id, name: z.name, description: z.description, kind: z.kind, method: z.method, version: z.version,
  communeCount: z.communeCount, populationCount: z.populationCount, createdAt: z.createdAt, updatedAt: z.updatedAt,
});

/** Notes said after a creation: former codes resolved, polygon repaired, the API's own notes. */
export const notesOf = (r: Resolution, formerCode: (from: string, to: string[]) => string, repaired: string) => [
  ...r.formerCodes.map((f) => formerCode(f.from, f.to)),
  ...(r.repaired ? [repaired] : []),
  ...r.notes,
];

/**
 * Splits pasted text into commune codes / postcodes / names: one per line or separated by ; , or tab;
 * a line of bare codes separated by spaces ("78646 78000") is split too, names with spaces are kept.
 */
export function parseCodes(text: string): string[] {
  const parts = text.split(/[\n\r;,\t]+/).map((p) => p.trim()).filter(Boolean);
  return [...new Set(parts.flatMap((p) => (COMMUNE_CODE_LIST_RE.test(p) ? p.split(/\s+/) : [p])))];
}

/** The zones slice of the one store (state/workspace.ts). */
export const zonesStore = defineSlice('zones', initialZonesState);

export const slice = { key: 'zones' as const, initial: initialZonesState, store: zonesStore, withList, withZone, withoutZone, toggleCompared, togglePicked };
