import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveSectorsExact, solveSectorsHeuristic, planKpis, type SectorInstance } from '../../../api/src/domain/sectors/index.js';
import { contiguous, enumerateOptimum, gridInstance } from './fixtures.js';
import { realCommunes, realInstance } from './real-instance.js';

let highs: Awaited<ReturnType<typeof loadHighs>>;
beforeAll(async () => { highs = await loadHighs(); });

/** Independent check: BFS from each base over its sector, communes in other graph components aside (none on the grid). */
const allContiguous = (inst: SectorInstance, sectorOf: Int32Array) => [...inst.baseCommune.keys()].every((s) => contiguous(inst, sectorOf, s));

describe('national sector heuristic on the grid', () => {
  it('is contiguous and balanced, no better than the exhaustive optimum, and its bound is below it', () => {
    const inst = gridInstance();
    for (const toleranceRatio of [0.16, 0.25, 0.5]) {
      const truth = enumerateOptimum(inst, { toleranceRatio });
      const h = solveSectorsHeuristic(inst, { toleranceRatio });
      expect(h.contiguous && allContiguous(inst, h.sectorOf)).toBe(true);
      expect(h.balanced).toBe(true);
      expect(h.maxDeviationRatio).toBeLessThanOrEqual(toleranceRatio + 1e-9);
      expect(h.objective).toBeGreaterThanOrEqual(truth.objective - 1e-6);
      expect(h.lowerBound).toBeLessThanOrEqual(truth.objective + 1e-6);
      expect((h.objective - truth.objective) / h.objective).toBeLessThanOrEqual(h.gapRatio + 1e-9);
    }
  });

  it('never moves locked communes or locked sectors, and minimal disruption moves no more communes', () => {
    const inst = gridInstance();
    const current = Int32Array.from([0, 0, 1, 1, 0, 2, 2, 2, 1, 2]);
    const locked = solveSectorsHeuristic(inst, { toleranceRatio: 0.3, current, lockedCommunes: [2, 5], lockedSectors: [1] });
    expect(locked.sectorOf[2]).toBe(current[2]);
    expect(locked.sectorOf[5]).toBe(current[5]);
    for (let c = 0; c < 10; c++) expect(locked.sectorOf[c] === 1).toBe(current[c] === 1);
    const plain = solveSectorsHeuristic(inst, { toleranceRatio: 0.2, current });
    const calm = solveSectorsHeuristic(inst, { toleranceRatio: 0.2, current, movePenalty: 150_000 });
    expect(calm.movedCount).toBeLessThanOrEqual(plain.movedCount);
    expect(allContiguous(inst, calm.sectorOf)).toBe(true);
  });
});

describe('a real département: Allier (03), 317 communes × 8 sectors, crow-fly times, synthetic workload', () => {
  const r = realCommunes(['03']);
  const { instance } = realInstance(r, 8, 317);

  it('the MILP proves the optimum; the heuristic is contiguous, balanced and within its reported gap of it', () => {
    const exact = solveSectorsExact(highs, instance, { toleranceRatio: 0.1, timeLimitSec: 60 });
    const h = solveSectorsHeuristic(instance, { toleranceRatio: 0.1 });
    expect(exact.status).toBe('optimal');
    expect(exact.gapRatio).toBeLessThan(1e-5);
    expect(h.balanced && h.contiguous).toBe(true);
    expect(h.lowerBound).toBeLessThanOrEqual(exact.objective * (1 + 1e-6));
    expect(h.objective).toBeGreaterThanOrEqual(exact.objective * (1 - 1e-6));
    expect((h.objective - exact.objective) / h.objective).toBeLessThanOrEqual(h.gapRatio + 1e-9);
    for (const sol of [exact, h]) {
      expect(allContiguous(instance, sol.sectorOf)).toBe(true);
      const kpis = planKpis(instance, sol.sectorOf);
      expect(kpis.contiguousSectorCount).toBe(8);
      expect(kpis.workloadBalance.maxAbsDeviationRatio).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });
});
