/**
 * A plan version as a domain instance (communes, adjacency, base → commune drive times from the routing engine,
 * workload, population) and its KPIs in the API's words. Drive times are the trade areas' (services/areas-times.ts):
 * each base is a "store", the time of a commune is from the road nearest its point; bases and communes off the
 * network get no time and are said. Workload: population, a layer's row count or the sum of one of its measures;
 * communes without a value count 0 or are excluded (kept in their sector, out of the sums), as the request says.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import type { RoutingService } from './routing.js';
import { DATA_DIR } from '../paths.js';
import { ApiError } from '../errors.js';
import { storeTimes } from './areas-times.js';
import { communeAt, communeFacts, layerMeasures, layerWorkload, type AssignmentRow, type CommuneFact, type SectorRow } from '../repositories/sectors.js';
import { adjacencyForCodes, planKpis, type CommuneAdjacencyArtifact, type PlanKpis, type SectorInstance } from '../domain/sectors/index.js';
import { sectorsApiText as t } from '../messages/sectors-api.js';

export type WorkloadSpec = { source: 'population' } | { source: 'layer'; layerId: string; measure?: string };
export type MissingRule = 'zero' | 'exclude';
export interface SectorDeps { database: Database; routing: RoutingService }
export interface PlanState { sectors: SectorRow[]; assignments: AssignmentRow[] }

export interface PlanInstance {
  instance: SectorInstance;
  /** codes of the instance's communes (index = commune index) */
  codes: string[];
  facts: CommuneFact[];
  /** current sector index of each commune */
  current: Int32Array;
  /** communes out of the sums (missing workload, 'exclude') and off the network: kept where they are */
  excluded: Set<number>;
  offNetworkCommunes: number[];
  bases: { key: string; communeCode: string | null; reason: string | null }[];
  network: { name: string | undefined; source: string | undefined } | null;
  workload: { spec: WorkloadSpec; label: string; missingRule: MissingRule; missingCount: number; note: string | null };
  timesMs: number;
}

let artifact: CommuneAdjacencyArtifact | undefined;
const adjacencyArtifact = () =>
  (artifact ??= JSON.parse(gunzipSync(readFileSync(join(DATA_DIR, 'territory', 'commune-adjacency-2026.json.gz'))).toString('utf8')) as CommuneAdjacencyArtifact);

const CUTOFF_SEC = 4 * 3600;

async function workloadValues(db: Database['db'], spec: WorkloadSpec, facts: CommuneFact[]) {
  if (spec.source === 'population') return { values: facts.map((f) => f.populationCount as number | null), label: t.workloadLabels.population };
  const layer = await layerMeasures(db, spec.layerId);
  if (!layer) throw new ApiError(404, 'UNKNOWN_LAYER', t.unknownLayer(spec.layerId), { field: 'workload.layerId' });
  if (spec.measure && !layer.measures.some((m) => m.name === spec.measure && m.type === 'number')) {
    throw new ApiError(400, 'UNKNOWN_MEASURE', t.unknownMeasure(spec.measure, layer.name), { field: 'workload.measure' });
  }
  const byCode = await layerWorkload(db, spec.layerId, facts.map((f) => f.code), spec.measure);
  // a count has no missing value (no row = 0 accounts); a measure does
  const values = facts.map((f) => byCode.get(f.code) ?? (spec.measure ? null : 0));
  return { values, label: spec.measure ? t.workloadLabels.measure(spec.measure, layer.name) : t.workloadLabels.count(layer.name) };
}

/** Builds the instance of a plan state; bases placed by commune or point (the commune holding the point). */
export async function planInstance(deps: SectorDeps, state: PlanState, spec: WorkloadSpec = { source: 'population' }, missingRule: MissingRule = 'zero'): Promise<PlanInstance> {
  const db = deps.database.db;
  const codes = [...new Set(state.assignments.map((a) => a.communeCode))].sort();
  if (!codes.length) throw new ApiError(400, 'SECTORS_EMPTY_PLAN', t.emptyPlan, { field: 'assignments' });
  const facts = await communeFacts(db, codes);
  const index = new Map(codes.map((c, i) => [c, i]));
  const n = codes.length;
  const k = state.sectors.length;
  const sectorIndex = new Map(state.sectors.map((s, i) => [s.key, i]));
  const current = new Int32Array(n).fill(-1);
  for (const a of state.assignments) current[index.get(a.communeCode)!] = sectorIndex.get(a.sectorKey) ?? -1;
  const { adjacency } = adjacencyForCodes(adjacencyArtifact(), codes);
  // bases: a commune, or the commune holding the point
  const bases: PlanInstance['bases'] = [];
  const baseCommune = new Int32Array(k).fill(-1);
  const points: { lon: number; lat: number }[] = [];
  for (const [s, sector] of state.sectors.entries()) {
    let code = sector.baseCommuneCode;
    if (!code && sector.baseLon !== null && sector.baseLat !== null) code = await communeAt(db, sector.baseLon, sector.baseLat);
    const i = code ? index.get(code) : undefined;
    if (i !== undefined) baseCommune[s] = i;
    const fact = code ? facts[i ?? -1] : undefined;
    const lon = sector.baseLon ?? fact?.lon ?? null;
    const lat = sector.baseLat ?? fact?.lat ?? null;
    points.push(lon !== null && lat !== null ? { lon, lat } : { lon: NaN, lat: NaN });
    bases.push({ key: sector.key, communeCode: code ?? null, reason: code && i === undefined ? t.baseOutside(sector.key) : null });
  }
  // drive times: the routing engine when a network is loaded
  const timeSec = new Float32Array(n * k).fill(NaN);
  let network: PlanInstance['network'] = null;
  let timesMs = 0;
  const offNetwork = new Set<number>();
  const located = points.flatMap((p, s) => (Number.isFinite(p.lon) ? [s] : []));
  if (deps.routing.status.active && located.length) {
    const at = await storeTimes(deps.routing, deps.database, located.map((s) => points[s]), CUTOFF_SEC);
    const col = new Map(at.communes.map((c, j) => [c.code, j]));
    const m = at.communes.length;
    located.forEach((s, q) => {
      if (at.storeReasons[q]) bases[s].reason ??= at.storeReasons[q];
      for (let c = 0; c < n; c++) { const j = col.get(codes[c]); if (j !== undefined) timeSec[s * n + c] = at.times.sec[q * m + j]; }
    });
    const off = new Set(at.offNetworkCommuneCodes);
    codes.forEach((code, c) => { if (off.has(code) || !col.has(code)) offNetwork.add(c); });
    network = { name: at.network.name, source: at.network.source };
    timesMs = at.timesMs;
  }
  const w = await workloadValues(db, spec, facts);
  const excluded = new Set<number>(offNetwork);
  let missingCount = 0;
  const workload = new Float64Array(n);
  w.values.forEach((v, c) => {
    if (v === null || !(v >= 0)) { missingCount++; if (missingRule === 'exclude') excluded.add(c); workload[c] = 0; } else workload[c] = v;
  });
  const population = Float64Array.from(facts.map((f) => f.populationCount));
  const instance: SectorInstance = {
    communeCount: n, sectorCount: k, adjacency, baseCommune, timeSec, workload,
    weight: population, potential: population, areaKm2: Float64Array.from(facts.map((f) => f.areaKm2 ?? 0)),
  };
  return {
    instance, codes, facts, current, excluded, offNetworkCommunes: [...offNetwork], bases, network, timesMs,
    workload: { spec, label: w.label, missingRule, missingCount, note: missingCount ? t.missingWorkload(missingCount, missingRule) : null },
  };
}

/** The sums of an instance without its excluded communes (missing workload, 'exclude'): zero weight and workload. */
export function sumsInstance(pi: PlanInstance): SectorInstance {
  if (!pi.workload.missingCount || pi.workload.missingRule === 'zero') return pi.instance;
  const workload = Float64Array.from(pi.instance.workload);
  const potential = Float64Array.from(pi.instance.potential!);
  for (const c of pi.excluded) if (!pi.offNetworkCommunes.includes(c)) { workload[c] = 0; potential[c] = 0; }
  return { ...pi.instance, workload, potential };
}

const round = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** KPIs of a plan in the API's words (camelCase, units in names). */
export function kpisBody(pi: PlanInstance, state: PlanState, sectorOf: Int32Array = pi.current) {
  const k: PlanKpis = planKpis(sumsInstance(pi), sectorOf);
  return {
    sectors: k.sectors.map((s) => {
      const sector = state.sectors[s.sector];
      return {
        key: sector.key, name: sector.name, owner: sector.owner, colour: sector.colour, locked: sector.locked,
        communeCount: s.communeCount, workload: round(s.workload, 3), populationCount: Math.round(s.potential ?? 0), areaKm2: round(s.areaKm2, 2),
        meanDurationSec: round(s.meanTimeSec), maxDurationSec: round(s.maxTimeSec), pieceCount: s.pieceCount, contiguous: s.contiguous,
        workloadDeviationRatio: round(s.workloadDeviationRatio, 4), populationDeviationRatio: round(s.potentialDeviationRatio, 4),
        base: pi.bases[s.sector],
      };
    }),
    balance: {
      workloadMean: round(k.workloadBalance.mean, 3), workloadMaxMinRatio: round(k.workloadBalance.maxMinRatio, 4), workloadMaxDeviationRatio: round(k.workloadBalance.maxAbsDeviationRatio, 4),
      populationMaxDeviationRatio: round(k.potentialBalance?.maxAbsDeviationRatio ?? null, 4),
    },
    compactness: { weightedDurationSum: round(k.compactness.weightedTimeSum, 0), meanDurationSec: round(k.compactness.meanTimeSec) },
    communeCount: pi.codes.length, unassignedCount: k.unassignedCount, contiguousSectorCount: k.contiguousSectorCount,
    workload: pi.workload,
    network: pi.network ?? { name: null, note: t.noNetwork },
    offNetwork: {
      bases: pi.bases.filter((b) => b.reason).map((b) => ({ key: b.key, reason: b.reason })),
      communeCount: pi.offNetworkCommunes.length, communeCodes: pi.offNetworkCommunes.slice(0, 200).map((c) => pi.codes[c]),
      note: pi.offNetworkCommunes.length ? t.offNetworkCommunes(pi.offNetworkCommunes.length) : null,
    },
    timesMs: pi.timesMs,
  };
}
export type KpisBody = ReturnType<typeof kpisBody>;
