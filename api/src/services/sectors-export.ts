/**
 * A plan version out: CSV commune → sector through the one CSV writer (provenance lines first; an optimised version
 * is labelled « calculé » with its method and tolerance), and publication as zones of kind `sector` (saveZones),
 * one zone per sector, with the plan and version as its method.
 */
import type { CsvColumn } from '../domain/export/csv.js';
import { csvLines, type CsvOptions } from '../domain/export/csv.js';
import { communeFacts } from '../repositories/sectors.js';
import { saveZones } from './zones-bulk.js';
import { versionState } from './sectors-plans.js';
import type { SectorDeps } from './sectors-kpis.js';
import { sectorsApiText as t } from '../messages/sectors-api.js';

interface Row { communeCode: string; communeName: string; sectorKey: string; sectorName: string; owner: string | null; locked: boolean }

export async function exportPlanCsv(deps: SectorDeps, id: string, version: number | undefined, options: CsvOptions & { machineNames?: boolean }) {
  const { plan, version: v, state } = await versionState(deps, id, version);
  const names = new Map((await communeFacts(deps.database.db, state.assignments.map((a) => a.communeCode))).map((f) => [f.code, f.name]));
  const sectors = new Map(state.sectors.map((s) => [s.key, s]));
  const rows: Row[] = state.assignments.map((a) => ({
    communeCode: a.communeCode, communeName: names.get(a.communeCode) ?? '', sectorKey: a.sectorKey, sectorName: sectors.get(a.sectorKey)?.name ?? a.sectorKey,
    owner: sectors.get(a.sectorKey)?.owner ?? null, locked: a.locked,
  }));
  const solve = v.options.solve as { method?: string } | undefined;
  const computed = v.options.computed === true;
  const provenance = [
    t.csv.provenance(plan.name, v.version, v.note),
    computed ? t.csv.computed(t.methods[solve?.method ?? 'heuristic'] ?? '', Number(v.options.toleranceRatio ?? 0.1)) : t.csv.manual,
    t.csv.source,
  ];
  const c = t.csv;
  const columns: CsvColumn<Row>[] = [
    { header: c.communeCode, key: 'commune_code', value: (r) => r.communeCode },
    { header: c.communeName, key: 'commune_name', value: (r) => r.communeName },
    { header: c.sectorKey, key: 'sector_key', value: (r) => r.sectorKey },
    { header: c.sectorName, key: 'sector_name', value: (r) => r.sectorName },
    { header: c.owner, key: 'owner', value: (r) => r.owner },
    { header: c.locked, key: 'locked', value: (r) => r.locked },
  ];
  return { fileName: `secteurs_${plan.name}_v${v.version}`, lines: csvLines({ provenance, columns, rows, machineNames: options.machineNames, options }) };
}

export async function publishVersion(deps: SectorDeps, id: string, version?: number) {
  const { plan, version: v, state } = await versionState(deps, id, version);
  const zones = state.sectors.map((s) => ({
    name: `${plan.name} — ${s.name}`, description: t.zoneDescription(plan.name, v.version),
    members: state.assignments.filter((a) => a.sectorKey === s.key).map((a) => ({ communeCode: a.communeCode, weight: 1 })),
    method: { type: 'sector', planId: plan.id, version: v.version, sectorKey: s.key, owner: s.owner, computed: v.options.computed === true },
  }));
  return { planId: plan.id, version: v.version, ...(await saveZones(deps.database.db, 'sector', zones)) };
}
