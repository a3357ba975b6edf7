import { handleError } from '../../state/actions';
import { workspace } from '../../state/workspace';
import { flyToBbox } from '../../map/handle';
import { finishPick, startTool, toolStore } from '../../map/tools';
import { M } from '../../lib/messages/zones';
import { ZoneApiError, downloadExport, zonesApi } from './api';
import { notesOf, togglePicked, toggleCompared, withList, withZone, withoutZone, zonesStore, type CreateMode, type ZonesState } from './slice';
import type { CreateZoneBody, ExportFormat, ReferenceLevel, ZoneDetail } from './types';

/** Sets the slice (a patch or a pure updater); the map redraws from the one store (zone outlines). */
export function setZones(patch: Partial<ZonesState> | ((s: ZonesState) => ZonesState)) {
  zonesStore.set(patch);
}
const say = (toast: string) => workspace.set({ toast });

export async function loadZones() {
  try {
    const { zones } = await zonesApi.list();
    setZones((s) => withList(s, zones));
  } catch (e) {
    handleError(e);
  }
}

// ── profile ──────────────────────────────────────────────────────────────────
export async function openZone(id: string, version: number | null = null, fly = true) {
  setZones({ openId: id, version, profile: null, detail: zonesStore.get().openId === id ? zonesStore.get().detail : null });
  // the profile is asked at once, beside the zone (not after the zone and the camera's flight)
  const profile = loadProfile();
  try {
    const { zone } = await zonesApi.get(id, version);
    if (zonesStore.get().openId !== id) return;
    setZones((s) => ({ ...s, detail: zone, geometries: zone.geometry ? { ...s.geometries, [id]: zone.geometry } : s.geometries }));
    if (fly && zone.bbox) flyToBbox(zone.bbox, 12);
  } catch (e) {
    handleError(e);
  }
  await profile;
}

export async function loadProfile() {
  const { openId, version, reference } = zonesStore.get();
  if (!openId) return;
  try {
    const profile = await zonesApi.profile(openId, version, reference);
    const now = zonesStore.get();
    if (now.openId === openId && now.version === version && now.reference === reference) setZones({ profile });
  } catch (e) {
    handleError(e);
  }
}

export function setReference(reference: ReferenceLevel) {
  setZones({ reference, profile: null });
  void loadProfile();
  if (zonesStore.get().compareOpen) void runCompare();
}

export function closeProfile() {
  setZones((s) => ({ ...s, openId: null, version: null, detail: null, profile: null, geometries: keepGeometries(s, s.compareOpen ? s.compareIds : []) }));
}

const keepGeometries = (s: ZonesState, ids: string[]) => Object.fromEntries(Object.entries(s.geometries).filter(([id]) => ids.includes(id) || id === s.openId));

// ── creation ────────────────────────────────────────────────────────────────
export function setCreating(mode: CreateMode | null) {
  setZones({ creating: mode, unknownCodes: [], notes: [], importErrors: null, drawnPolygon: null });
  if (mode === 'draw') startDrawing();
}

export function startDrawing() {
  setZones({ drawnPolygon: null });
  startTool({
    id: 'draw-polygon',
    owner: 'zones',
    onPolygon: (polygon) => setZones({ drawnPolygon: polygon }),
    onCancel: () => zonesStore.get().creating === 'draw' && !zonesStore.get().drawnPolygon && setZones({ creating: null }),
  });
}

export async function createZone(body: CreateZoneBody): Promise<boolean> {
  setZones({ busy: true, unknownCodes: [], notes: [] });
  try {
    const { zone, resolution } = await zonesApi.create(body);
    setZones((s) => ({ ...withZone(s, zone), creating: null, drawnPolygon: null, notes: notesOf(resolution, M.formerCodes, M.repaired) }));
    await openZone(zone.id);
    return true;
  } catch (e) {
    if (e instanceof ZoneApiError && e.code === 'ZONE_UNKNOWN_CODES' && zonesStore.get().creating === 'codes') {
      const unknown = (e.details as { unknown?: string[] } | null)?.unknown ?? [];
      return setZones({ unknownCodes: unknown }), false; // said in the form, next to the codes (no toast on top)
    }
    handleError(e);
    return false;
  } finally {
    setZones({ busy: false });
  }
}

export async function importZones(file: File) {
  setZones({ busy: true, importErrors: null, notes: [] });
  try {
    const { zones } = await zonesApi.import(file);
    setZones((s) => ({ ...zones.reduce(withZone, s), creating: null, notes: [M.imported(zones.length)] }));
  } catch (e) {
    if (e instanceof ZoneApiError && Array.isArray(e.details)) setZones({ importErrors: { message: e.message, rows: e.details as never } });
    else handleError(e);
  } finally {
    setZones({ busy: false });
  }
}

// ── edits ───────────────────────────────────────────────────────────────────
async function patchZone(id: string, body: Parameters<typeof zonesApi.patch>[1]) {
  try {
    const { zone } = await zonesApi.patch(id, body);
    setZones((s) => withZone(s, zone));
    if (zonesStore.get().openId === id) await openZone(id, null, false);
    return zone;
  } catch (e) {
    handleError(e);
    return null;
  }
}
export const renameZone = (id: string, name: string) => patchZone(id, { name });
export const describeZone = (id: string, description: string) => patchZone(id, { description });

/** Edit by clicking communes in/out of the zone (pick-communes tool); saving makes a new version. */
export async function startEditMembers(id: string) {
  if (zonesStore.get().openId !== id || !zonesStore.get().detail) await openZone(id, null, true);
  setZones({ edit: { zoneId: id, add: [], remove: [], marks: [] } });
  startTool({
    id: 'pick-communes',
    owner: 'zones',
    onPick: (code, lngLat) => {
      const members = zonesStore.get().detail?.members ?? [];
      setZones((s) => togglePicked(s, code, lngLat, members.some((m) => m.communeCode === code)));
    },
    onDone: () => void saveEditMembers(),
    onCancel: () => setZones({ edit: null }),
  });
}

export async function saveEditMembers() {
  const edit = zonesStore.get().edit;
  if (toolStore.get().active?.id === 'pick-communes') return finishPick(); // comes back through onDone
  if (!edit) return;
  setZones({ edit: null });
  if (edit.add.length + edit.remove.length === 0) return;
  await patchZone(edit.zoneId, { add: edit.add, remove: edit.remove });
}

export async function duplicateZone(id: string) {
  try {
    const { zone } = await zonesApi.duplicate(id);
    setZones((s) => withZone(s, zone));
  } catch (e) {
    handleError(e);
  }
}

export async function deleteZone(id: string) {
  const name = zonesStore.get().list?.find((z) => z.id === id)?.name ?? id;
  try {
    await zonesApi.remove(id);
    setZones((s) => ({ ...withoutZone(s, id), deleted: { id, name } }));
  } catch (e) {
    handleError(e);
  }
}

export async function undoDelete() {
  const deleted = zonesStore.get().deleted;
  if (!deleted) return;
  try {
    const { zone } = await zonesApi.restore(deleted.id);
    setZones((s) => ({ ...withZone(s, zone), deleted: null }));
  } catch (e) {
    handleError(e);
  }
}

// ── compare ─────────────────────────────────────────────────────────────────
export const toggleCompare = (id: string) => setZones((s) => toggleCompared(s, id));

export async function runCompare(ids = zonesStore.get().compareIds) {
  if (ids.length < 2) return say(M.compareHint);
  setZones({ compareIds: ids, compareOpen: true, busy: true });
  try {
    const comparison = await zonesApi.compare(ids, zonesStore.get().reference);
    const missing = ids.filter((id) => !zonesStore.get().geometries[id]);
    const details = await Promise.all(missing.map((id) => zonesApi.get(id).then((r) => r.zone, () => null)));
    setZones((s) => ({ ...s, comparison, geometries: { ...s.geometries, ...geometriesOf(details) } }));
  } catch (e) {
    handleError(e);
  } finally {
    setZones({ busy: false });
  }
}

const geometriesOf = (zones: (ZoneDetail | null)[]) => Object.fromEntries(zones.filter((z) => z?.geometry).map((z) => [z!.id, z!.geometry!]));

/** Compares the open zone with its reference territory (its département or région), saved as an admin zone once. */
export async function compareWithReference() {
  const { profile, openId, list } = zonesStore.get();
  const ref = profile?.reference;
  if (!openId || !ref || ref.level === 'france' || !ref.code) return;
  const existing = list?.find((z) => z.kind === 'admin' && z.method.level === ref.level && z.method.code === ref.code);
  let refId = existing?.id;
  if (!refId) {
    try {
      const { zone } = await zonesApi.create({ name: ref.name, kind: 'admin', admin: { level: ref.level, code: ref.code } });
      setZones((s) => withZone(s, zone));
      refId = zone.id;
    } catch (e) {
      return handleError(e);
    }
  }
  await runCompare([openId, refId]);
}

export const closeCompare = () =>
  setZones((s) => ({ ...s, compareOpen: false, comparison: null, geometries: keepGeometries(s, []) }));

// ── exports ─────────────────────────────────────────────────────────────────
export async function exportZone(format: ExportFormat) {
  const { openId, version } = zonesStore.get();
  if (!openId) return;
  try {
    await downloadExport({ zoneId: openId, version }, format);
  } catch (e) {
    handleError(e);
  }
}

export async function exportComparison(format: 'csv' | 'xlsx') {
  const { compareIds, reference } = zonesStore.get();
  try {
    await downloadExport({ zoneIds: compareIds, reference }, format);
  } catch (e) {
    handleError(e);
  }
}
