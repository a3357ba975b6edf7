/**
 * Worker thread of a sector optimisation (node:worker_threads): the solvers are CPU-bound for seconds to a minute,
 * so they run off the API's event loop; the parent terminates the worker to cancel. Messages out: `progress`
 * (phase, ratio), `result`, `error` (a SectorInputError's code, field, message, details).
 */
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';
import { chooseBases, solveSectorsExact, solveSectorsHeuristic, SectorInputError, type BalanceOptions, type SectorInstance } from '../domain/sectors/index.js';

export interface WorkerInput {
  instance: SectorInstance;
  options: BalanceOptions;
  method: 'exact' | 'heuristic';
  timeLimitSec: number;
  /** choose the bases first: candidates' rows of base → commune times, sector-major like timeSec */
  choose?: { candidates: Int32Array; timeSec: Float32Array };
}

const post = (m: unknown) => parentPort!.postMessage(m);

async function run(input: WorkerInput) {
  const inst = { ...input.instance };
  let chosen: number[] | null = null;
  if (input.choose) {
    post({ type: 'progress', phase: 'bases', ratio: 0.1 });
    const { candidates, timeSec } = input.choose;
    const r = chooseBases({ candidateCount: candidates.length, communeCount: inst.communeCount, timeSec, weight: inst.weight, k: inst.sectorCount });
    chosen = r.bases.map((j) => candidates[j]);
    const rows = new Float32Array(inst.sectorCount * inst.communeCount);
    r.bases.forEach((j, s) => rows.set(timeSec.subarray(j * inst.communeCount, (j + 1) * inst.communeCount), s * inst.communeCount));
    inst.timeSec = rows;
    inst.baseCommune = Int32Array.from(chosen);
  }
  post({ type: 'progress', phase: 'solving', ratio: 0.2 });
  const heuristic = solveSectorsHeuristic(inst, { ...input.options, timeLimitSec: input.timeLimitSec });
  if (input.method === 'heuristic') return { solution: heuristic, heuristic, chosen };
  post({ type: 'progress', phase: 'exact', ratio: 0.5 });
  const highs = await loadHighs();
  const solution = solveSectorsExact(highs, inst, { ...input.options, timeLimitSec: input.timeLimitSec, start: heuristic.balanced ? heuristic.sectorOf : 'none' });
  return { solution, heuristic, chosen };
}

run(workerData as WorkerInput).then(
  (r) => post({ type: 'result', ...r, heuristic: { balanced: r.heuristic.balanced, maxDeviationRatio: r.heuristic.maxDeviationRatio, objective: r.heuristic.objective, gapRatio: r.heuristic.gapRatio } }),
  (e) => post({ type: 'error', error: e instanceof SectorInputError ? { code: e.code, field: e.field, message: e.message, details: e.details } : { code: 'SOLVER_FAILED', message: String(e?.message ?? e) } }),
);
