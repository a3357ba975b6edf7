/**
 * Sector plans (issue 16): create (empty with sectors, from a CSV, from saved zones), list, read a version with
 * its KPIs, edit (assign communes, lock communes or sectors, change sectors) → version n + 1. Versions are
 * immutable; each stores the KPIs it was saved with.
 */
import { ApiError } from '../errors.js';
import { DEFAULT_WORKSPACE as WS } from '../domain/zones/zone.js';
import { appendVersion, communeFacts, findPlan, insertPlan, listPlans, listVersions, readVersion, zoneMembersOf, type SectorRow } from '../repositories/sectors.js';
import { kpisBody, planInstance, type MissingRule, type PlanState, type SectorDeps, type WorkloadSpec } from './sectors-kpis.js';
import { planStateFromCsv } from './sectors-import.js';
import { sectorsApiText as t } from '../messages/sectors-api.js';

export interface SectorInput {
  key: string; name?: string; owner?: string | null; colour?: string | null; locked?: boolean;
  base?: { communeCode: string } | { lon: number; lat: number } | null;
}
export interface KpiOptions { workload?: WorkloadSpec; missingWorkload?: MissingRule }
export interface CreatePlanInput extends KpiOptions {
  name: string;
  sectors?: SectorInput[];
  assignments?: { communeCode: string; sectorKey: string; locked?: boolean }[];
  fromZones?: { zoneIds: string[] };
}
export interface EditInput extends KpiOptions {
  fromVersion?: number; note?: string;
  sectors?: SectorInput[];
  assign?: { sectorKey: string; communeCodes: string[] }[];
  unassign?: string[];
  lockCommunes?: string[]; unlockCommunes?: string[];
  lockSectors?: string[]; unlockSectors?: string[];
}

function sectorRow(s: SectorInput, old?: SectorRow): SectorRow {
  const base = s.base === undefined ? (old ? { baseLon: old.baseLon, baseLat: old.baseLat, baseCommuneCode: old.baseCommuneCode } : { baseLon: null, baseLat: null, baseCommuneCode: null })
    : s.base === null ? { baseLon: null, baseLat: null, baseCommuneCode: null }
      : 'communeCode' in s.base ? { baseLon: null, baseLat: null, baseCommuneCode: s.base.communeCode } : { baseLon: s.base.lon, baseLat: s.base.lat, baseCommuneCode: null };
  return { key: s.key, name: s.name ?? old?.name ?? s.key, owner: s.owner !== undefined ? s.owner : old?.owner ?? null, colour: s.colour !== undefined ? s.colour : old?.colour ?? null, locked: s.locked ?? old?.locked ?? false, ...base };
}

/** Every code of a state is a commune, every sector key known and unique, every base commune known. */
async function checkState(deps: SectorDeps, state: PlanState): Promise<void> {
  const keys = new Set<string>();
  for (const s of state.sectors) { if (keys.has(s.key)) throw new ApiError(400, 'SECTORS_DUPLICATE_SECTOR', t.duplicateSector(s.key), { field: 'sectors', key: s.key }); keys.add(s.key); }
  for (const a of state.assignments) if (!keys.has(a.sectorKey)) throw new ApiError(400, 'SECTORS_UNKNOWN_SECTOR', t.unknownSector(a.sectorKey), { field: 'assignments', key: a.sectorKey });
  const codes = [...new Set([...state.assignments.map((a) => a.communeCode), ...state.sectors.flatMap((s) => (s.baseCommuneCode ? [s.baseCommuneCode] : []))])];
  const known = new Set((await communeFacts(deps.database.db, codes)).map((f) => f.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new ApiError(400, 'COMMUNE_NOT_FOUND', t.unknownCommunes(unknown), { field: 'communeCodes', communeCodes: unknown.slice(0, 100) });
}

async function kpisOf(deps: SectorDeps, state: PlanState, o: KpiOptions) {
  if (!state.assignments.length) return null;
  return kpisBody(await planInstance(deps, state, o.workload, o.missingWorkload), state);
}

export async function createPlan(deps: SectorDeps, input: CreatePlanInput) {
  let state: PlanState = { sectors: (input.sectors ?? []).map((s) => sectorRow(s)), assignments: (input.assignments ?? []).map((a) => ({ ...a, locked: a.locked ?? false })) };
  let note: string = t.notes.created;
  if (input.fromZones) {
    const { zones, members } = await zoneMembersOf(deps.database.db, WS, input.fromZones.zoneIds);
    const missing = input.fromZones.zoneIds.filter((id) => !zones.some((z) => z.id === id));
    if (missing.length) throw new ApiError(404, 'NOT_FOUND', t.unknownZones(missing), { field: 'fromZones.zoneIds', zoneIds: missing });
    const taken = new Set<string>();
    state = {
      sectors: input.fromZones.zoneIds.map((id, i) => sectorRow({ key: `S${i + 1}`, name: zones.find((z) => z.id === id)!.name })),
      assignments: input.fromZones.zoneIds.flatMap((id, i) => members.filter((m) => m.zoneId === id && !taken.has(m.communeCode) && taken.add(m.communeCode)).map((m) => ({ communeCode: m.communeCode, sectorKey: `S${i + 1}`, locked: false }))),
    };
    note = t.notes.fromZones(zones.length);
  }
  return savePlan(deps, input.name, state, note, { source: input.fromZones ? 'zones' : 'manual' }, input);
}

export async function importPlan(deps: SectorDeps, name: string, file: { fileName: string; text: string }, o: KpiOptions = {}) {
  const state = await planStateFromCsv(deps.database, file.text);
  return savePlan(deps, name || file.fileName, state, t.notes.imported(file.fileName), { source: 'import', fileName: file.fileName }, o);
}

async function savePlan(deps: SectorDeps, name: string, state: PlanState, note: string, options: Record<string, unknown>, o: KpiOptions) {
  await checkState(deps, state);
  const kpis = await kpisOf(deps, state, o);
  const id = await insertPlan(deps.database.db, WS, name, { parentVersion: null, note, options, kpis, ...state });
  return planVersion(deps, id, 1, o, kpis);
}

export async function plans(deps: SectorDeps) {
  return { plans: await listPlans(deps.database.db, WS) };
}

/** A plan and one of its versions (default: current), with its state. */
export async function versionState(deps: SectorDeps, id: string, version?: number) {
  const plan = await findPlan(deps.database.db, WS, id);
  if (!plan) throw new ApiError(404, 'NOT_FOUND', t.planNotFound(id), { field: 'id' });
  const v = version ?? plan.currentVersion;
  const read = await readVersion(deps.database.db, WS, id, v);
  if (!read) throw new ApiError(404, 'NOT_FOUND', t.versionNotFound(v), { field: 'version' });
  return { plan, version: read.version, state: { sectors: read.sectors, assignments: read.assignments } as PlanState };
}

export async function planVersion(deps: SectorDeps, id: string, version?: number, o: KpiOptions = {}, kpis?: unknown) {
  const { plan, version: v, state } = await versionState(deps, id, version);
  const stored = (v.options.workload as WorkloadSpec | undefined);
  const live = kpis ?? await kpisOf(deps, state, { workload: o.workload ?? stored, missingWorkload: o.missingWorkload ?? (v.options.missingWorkload as MissingRule | undefined) });
  return { plan, version: v.version, parentVersion: v.parentVersion, note: v.note, options: v.options, createdAt: v.createdAt, versions: await listVersions(deps.database.db, WS, id), ...state, kpis: live };
}

/** Applies an edit to a version's state (pure). */
export function applyEdit(state: PlanState, e: EditInput): PlanState {
  const sectors = state.sectors.map((s) => ({ ...s }));
  for (const s of e.sectors ?? []) {
    const i = sectors.findIndex((x) => x.key === s.key);
    if (i >= 0) sectors[i] = sectorRow(s, sectors[i]); else sectors.push(sectorRow(s));
  }
  const byCode = new Map(state.assignments.map((a) => [a.communeCode, { ...a }]));
  for (const a of e.assign ?? []) for (const code of a.communeCodes) byCode.set(code, { communeCode: code, sectorKey: a.sectorKey, locked: byCode.get(code)?.locked ?? false });
  for (const code of e.unassign ?? []) byCode.delete(code);
  for (const code of e.lockCommunes ?? []) { const a = byCode.get(code); if (a) a.locked = true; }
  for (const code of e.unlockCommunes ?? []) { const a = byCode.get(code); if (a) a.locked = false; }
  for (const s of sectors) { if (e.lockSectors?.includes(s.key)) s.locked = true; if (e.unlockSectors?.includes(s.key)) s.locked = false; }
  return { sectors, assignments: [...byCode.values()].sort((a, b) => a.communeCode.localeCompare(b.communeCode)) };
}

export async function editPlan(deps: SectorDeps, id: string, e: EditInput) {
  const { version, state } = await versionState(deps, id, e.fromVersion);
  const next = applyEdit(state, e);
  await checkState(deps, next);
  const o = { workload: e.workload ?? (version.options.workload as WorkloadSpec | undefined), missingWorkload: e.missingWorkload ?? (version.options.missingWorkload as MissingRule | undefined) };
  const kpis = await kpisOf(deps, next, o);
  const v = await appendVersion(deps.database.db, WS, id, { parentVersion: version.version, note: e.note ?? t.notes.edited, options: { source: 'edit', ...o }, kpis, ...next });
  return planVersion(deps, id, v, o, kpis);
}
