/**
 * Optimising a sector plan (issue 16): POST starts a run (its id back at once), GET reads its progress and, once
 * done, the result; DELETE cancels (the worker thread is terminated: nothing saved). The solve runs in a worker
 * (services/sectors-worker.ts): the exact MILP (HiGHS) up to EXACT_MAX_COMMUNES free communes, the heuristic above;
 * "choose the bases" runs a p-median on commune → commune drive times first. The result is a new version, with
 * what moved, the KPI changes and the gap. Unbalanceable → 422 INFEASIBLE_BALANCE proposing the tightest tolerance.
 * Runs live in this process (a queue in PostgreSQL is the multi-process path, DESIGN.md); finished ones are kept
 * for RUN_TTL_MS.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { API_SRC_DIR } from '../paths.js';
import { ApiError } from '../errors.js';
import { DEFAULT_WORKSPACE as WS } from '../domain/zones/zone.js';
import { appendVersion } from '../repositories/sectors.js';
import { storeTimes } from './areas-times.js';
import { kpisBody, planInstance, sumsInstance, type MissingRule, type PlanInstance, type PlanState, type SectorDeps, type WorkloadSpec } from './sectors-kpis.js';
import { planVersion, versionState } from './sectors-plans.js';
import { sectorsApiText as t } from '../messages/sectors-api.js';
import type { BalanceOptions, SectorInstance } from '../domain/sectors/index.js';
import type { WorkerInput } from './sectors-worker.js';

export const EXACT_MAX_COMMUNES = 500;
const RUN_TTL_MS = 30 * 60 * 1000;
const DEFAULT_DISRUPTION_SEC = 600;

export interface OptimiseInput {
  fromVersion?: number;
  toleranceRatio?: number;
  potentialToleranceRatio?: number;
  contiguity?: boolean;
  /** penalise each moved commune as if it were this many seconds farther (weighted by a mean commune) */
  minimalDisruption?: boolean | { penaltySec: number };
  chooseBases?: boolean;
  method?: 'auto' | 'exact' | 'heuristic';
  timeLimitSec?: number;
  workload?: WorkloadSpec;
  missingWorkload?: MissingRule;
}

interface Run {
  id: string; planId: string; status: 'running' | 'done' | 'failed' | 'cancelled'; phase: string; progressRatio: number;
  startedAt: number; finishedAt?: number; worker?: Worker; result?: unknown; error?: ApiError;
}
const runs = new Map<string, Run>();

function sweep() {
  const now = Date.now();
  for (const [id, r] of runs) if (r.finishedAt && now - r.finishedAt > RUN_TTL_MS) runs.delete(id);
}

/**
 * The worker runs the TypeScript source (api/src, as the routing workers are found) through tsx's CommonJS hook,
 * from the sources (tsx, vitest) and from the `npm start` bundle alike: a worker does not inherit the parent's ESM
 * loader hooks, and the bundle has no separate worker file.
 */
function startWorker(data: WorkerInput): Worker {
  const entry = join(API_SRC_DIR, 'services', 'sectors-worker.ts');
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
}

/** Solver inputs: locks (asked, plus communes out of the sums or off the network: they keep their sector). */
function solverInput(pi: PlanInstance, state: PlanState, input: OptimiseInput): { instance: SectorInstance; options: BalanceOptions } {
  const base = sumsInstance(pi);
  const n = base.communeCount;
  const locked = new Set<number>(pi.excluded);
  state.assignments.forEach((a) => { if (a.locked) locked.add(pi.codes.indexOf(a.communeCode)); });
  const timeSec = Float32Array.from(base.timeSec);
  const weight = Float64Array.from(base.weight);
  // off-network communes have no time from any base: fixed where they are, at no cost
  for (const c of pi.offNetworkCommunes) { weight[c] = 0; if (pi.current[c] >= 0) timeSec[pi.current[c] * n + c] = 0; }
  let totalWeight = 0;
  for (let c = 0; c < n; c++) totalWeight += weight[c];
  const md = input.minimalDisruption;
  const penaltySec = md === true ? DEFAULT_DISRUPTION_SEC : md ? md.penaltySec : 0;
  return {
    instance: { ...base, timeSec, weight },
    options: {
      toleranceRatio: input.toleranceRatio ?? 0.1, potentialToleranceRatio: input.potentialToleranceRatio, contiguity: input.contiguity ?? true, current: pi.current,
      lockedCommunes: [...locked].filter((c) => c >= 0), lockedSectors: state.sectors.flatMap((s, i) => (s.locked ? [i] : [])),
      movePenalty: penaltySec * (totalWeight / Math.max(1, n)),
    },
  };
}

/** Commune → commune times for the p-median (candidates: free communes on the network). */
async function candidateTimes(deps: SectorDeps, pi: PlanInstance, locked: readonly number[]) {
  const fixed = new Set([...locked, ...pi.offNetworkCommunes]);
  const candidates = pi.codes.flatMap((_, c) => (!fixed.has(c) && pi.facts[c].lon !== null ? [c] : []));
  const at = await storeTimes(deps.routing, deps.database, candidates.map((c) => ({ lon: pi.facts[c].lon!, lat: pi.facts[c].lat! })), 4 * 3600);
  const col = new Map(at.communes.map((x, j) => [x.code, j]));
  const n = pi.codes.length;
  const m = at.communes.length;
  const timeSec = new Float32Array(candidates.length * n).fill(NaN);
  candidates.forEach((_, q) => { for (let c = 0; c < n; c++) { const j = col.get(pi.codes[c]); if (j !== undefined) timeSec[q * n + c] = at.times.sec[q * m + j]; } });
  return { candidates: Int32Array.from(candidates), timeSec };
}

const apiError = (e: { code: string; field?: string; message: string; details?: Record<string, unknown> }) => {
  const status = e.code === 'INFEASIBLE_BALANCE' || e.code === 'NO_FEASIBLE_PLAN' ? 422 : e.code === 'SOLVER_FAILED' ? 500 : 400;
  return new ApiError(status, e.code === 'BAD_INPUT' ? 'SECTORS_BAD_INPUT' : e.code, e.message, { field: e.field, ...e.details });
};

export async function startOptimisation(deps: SectorDeps, id: string, input: OptimiseInput) {
  sweep();
  const { version, state } = await versionState(deps, id, input.fromVersion);
  if ([...runs.values()].some((r) => r.planId === id && r.status === 'running')) throw new ApiError(409, 'CONFLICT', t.runBusy);
  const run: Run = { id: randomUUID(), planId: id, status: 'running', phase: 'preparing', progressRatio: 0, startedAt: Date.now() };
  runs.set(run.id, run);
  execute(deps, run, version.version, state, input).catch((e) => {
    if (run.status !== 'running') return;
    run.status = 'failed';
    if (!(e instanceof ApiError)) console.error(e);
    run.error = e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', t.runFailed);
    run.finishedAt = Date.now();
  });
  return { runId: run.id, status: run.status, planId: id, fromVersion: version.version };
}

async function execute(deps: SectorDeps, run: Run, fromVersion: number, state: PlanState, input: OptimiseInput) {
  const workload = input.workload ?? { source: 'population' as const };
  const missingWorkload = input.missingWorkload ?? 'zero';
  const pi = await planInstance(deps, state, workload, missingWorkload);
  const { instance, options } = solverInput(pi, state, input);
  const free = pi.codes.length - (options.lockedCommunes?.length ?? 0);
  const method = input.method === 'exact' || input.method === 'heuristic' ? input.method : free <= EXACT_MAX_COMMUNES ? 'exact' : 'heuristic';
  const choose = input.chooseBases ? await candidateTimes(deps, pi, options.lockedCommunes ?? []) : undefined;
  if (run.status !== 'running') return;
  const msg = await new Promise<any>((resolve, reject) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const worker = startWorker({ instance, options, method, timeLimitSec: input.timeLimitSec ?? 60, choose });
    run.worker = worker;
    worker.on('message', (m) => { if (m.type === 'progress') { run.phase = m.phase; run.progressRatio = m.ratio; } else resolve(m); });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (run.status === 'cancelled') resolve({ type: 'cancelled' }); else if (code !== 0) reject(new ApiError(500, 'INTERNAL', t.runFailed)); });
  });
  void run.worker?.terminate();
  run.worker = undefined;
  if (msg.type === 'cancelled' || run.status !== 'running') return;
  if (msg.type === 'error') throw apiError(msg.error);
  const tol = options.toleranceRatio;
  const solution = msg.solution;
  if (method === 'heuristic' && !solution.balanced) {
    const tightest = Math.ceil(solution.maxDeviationRatio * 1000) / 1000;
    throw new ApiError(422, 'INFEASIBLE_BALANCE', t.infeasible(tol, tightest), { field: 'toleranceRatio', toleranceRatio: tol, tightestToleranceRatio: tightest, proven: false });
  }
  run.phase = 'saving'; run.progressRatio = 0.9;
  const sectorOf: Int32Array = solution.sectorOf;
  const sectors = state.sectors.map((s, i) => (msg.chosen ? { ...s, baseCommuneCode: pi.codes[msg.chosen[i]], baseLon: null, baseLat: null } : s));
  const lockedCodes = new Set(state.assignments.filter((a) => a.locked).map((a) => a.communeCode));
  const next: PlanState = { sectors, assignments: pi.codes.map((code, c) => ({ communeCode: code, sectorKey: sectors[sectorOf[c]].key, locked: lockedCodes.has(code) })) };
  const before = kpisBody(pi, state);
  const after = msg.chosen ? kpisBody(await planInstance(deps, next, workload, missingWorkload), next) : kpisBody(pi, next, sectorOf);
  const moved = pi.codes.flatMap((code, c) => (sectorOf[c] !== pi.current[c] ? [{ communeCode: code, name: pi.facts[c].name, fromSectorKey: state.sectors[pi.current[c]]?.key ?? null, toSectorKey: sectors[sectorOf[c]].key }] : []));
  const solve = {
    method, status: solution.status, statusLabel: t.methods[method], objective: solution.objective, lowerBound: solution.lowerBound, gapRatio: solution.gapRatio,
    maxDeviationRatio: solution.maxDeviationRatio, movedCount: moved.length, seconds: solution.seconds, heuristic: msg.heuristic,
  };
  const options2 = { source: 'optimisation', computed: true, workload, missingWorkload, toleranceRatio: tol, potentialToleranceRatio: input.potentialToleranceRatio ?? null, contiguity: options.contiguity, minimalDisruption: input.minimalDisruption ?? false, chooseBases: !!input.chooseBases, solve };
  const v = await appendVersion(deps.database.db, WS, run.planId, { parentVersion: fromVersion, note: t.notes.optimised(t.methods[method], moved.length), options: options2, kpis: after, ...next });
  if (run.status !== 'running') return;
  const changes = after.sectors.map((a, i) => ({ key: a.key, workloadBefore: before.sectors[i]?.workload ?? null, workloadAfter: a.workload, communeCountBefore: before.sectors[i]?.communeCount ?? null, communeCountAfter: a.communeCount, meanDurationSecBefore: before.sectors[i]?.meanDurationSec ?? null, meanDurationSecAfter: a.meanDurationSec }));
  run.result = { version: v, fromVersion, moved, kpiChanges: changes, balanceBefore: before.balance, balanceAfter: after.balance, solve, plan: await planVersion(deps, run.planId, v, {}, after) };
  run.status = 'done'; run.phase = 'done'; run.progressRatio = 1; run.finishedAt = Date.now();
}

function runOr404(id: string): Run {
  const run = runs.get(id);
  if (!run) throw new ApiError(404, 'NOT_FOUND', t.runNotFound(id), { field: 'runId' });
  return run;
}

/** Progress, or the result once done; a failed run answers its error (422 for an unbalanceable plan). */
export function optimisationRun(id: string) {
  const run = runOr404(id);
  if (run.status === 'failed' && run.error) throw run.error;
  return {
    runId: run.id, planId: run.planId, status: run.status, phase: run.phase, phaseLabel: t.phases[run.phase] ?? run.phase, progressRatio: run.progressRatio,
    elapsedMs: (run.finishedAt ?? Date.now()) - run.startedAt, ...(run.status === 'cancelled' ? { note: t.runCancelled } : {}), ...(run.result ? { result: run.result } : {}),
  };
}

export async function cancelOptimisation(id: string) {
  const run = runOr404(id);
  if (run.status === 'running') {
    run.status = 'cancelled'; run.finishedAt = Date.now();
    await run.worker?.terminate();
  }
  return optimisationRun(id);
}
