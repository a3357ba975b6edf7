/**
 * Two versions of a plan side by side: the communes that changed sector, and the KPI table (each sector's figures
 * in both, matched by sector key). Reads the KPIs live, with the same workload for both.
 */
import { kpisBody, planInstance, type MissingRule, type WorkloadSpec } from './sectors-kpis.js';
import { versionState } from './sectors-plans.js';
import type { SectorDeps } from './sectors-kpis.js';

export async function compareVersions(deps: SectorDeps, id: string, a: number, b: number, o: { workload?: WorkloadSpec; missingWorkload?: MissingRule } = {}) {
  const [va, vb] = await Promise.all([versionState(deps, id, a), versionState(deps, id, b)]);
  const workload = o.workload ?? (vb.version.options.workload as WorkloadSpec | undefined) ?? (va.version.options.workload as WorkloadSpec | undefined);
  const [ka, kb] = await Promise.all([
    planInstance(deps, va.state, workload, o.missingWorkload).then((pi) => kpisBody(pi, va.state)),
    planInstance(deps, vb.state, workload, o.missingWorkload).then((pi) => kpisBody(pi, vb.state)),
  ]);
  const inA = new Map(va.state.assignments.map((x) => [x.communeCode, x.sectorKey]));
  const inB = new Map(vb.state.assignments.map((x) => [x.communeCode, x.sectorKey]));
  const codes = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  const moved = codes.flatMap((code) => (inA.get(code) !== inB.get(code) ? [{ communeCode: code, sectorKeyA: inA.get(code) ?? null, sectorKeyB: inB.get(code) ?? null }] : []));
  const keys = [...new Set([...ka.sectors.map((s) => s.key), ...kb.sectors.map((s) => s.key)])];
  const table = keys.map((key) => {
    const x = ka.sectors.find((s) => s.key === key) ?? null;
    const y = kb.sectors.find((s) => s.key === key) ?? null;
    const pick = (s: typeof x) => (s ? { name: s.name, communeCount: s.communeCount, workload: s.workload, populationCount: s.populationCount, meanDurationSec: s.meanDurationSec, maxDurationSec: s.maxDurationSec, areaKm2: s.areaKm2, contiguous: s.contiguous, workloadDeviationRatio: s.workloadDeviationRatio } : null);
    return { key, a: pick(x), b: pick(y) };
  });
  return {
    planId: id, versionA: a, versionB: b, movedCount: moved.length, moved, sectors: table,
    balance: { a: ka.balance, b: kb.balance }, compactness: { a: ka.compactness, b: kb.compactness }, workload: kb.workload,
  };
}
