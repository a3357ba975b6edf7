import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveSectorsExact, SectorInputError, type SectorInstance } from '../../../api/src/domain/sectors/index.js';
import { contiguous, enumerateOptimum, gridInstance } from './fixtures.js';

let highs: Awaited<ReturnType<typeof loadHighs>>;
beforeAll(async () => { highs = await loadHighs(); });

const allContiguous = (inst: SectorInstance, sectorOf: Int32Array) => [0, 1, 2].every((s) => contiguous(inst, sectorOf, s));

describe('exact sector MILP (HiGHS) on a 10-commune × 3-sector grid', () => {
  it('finds the optimum of the exhaustive enumeration (3^10 assignments), contiguous and balanced', () => {
    const inst = gridInstance();
    for (const toleranceRatio of [0.16, 0.25, 0.5]) {
      const truth = enumerateOptimum(inst, { toleranceRatio });
      const got = solveSectorsExact(highs, inst, { toleranceRatio });
      expect(got.status).toBe('optimal');
      expect(got.objective).toBeCloseTo(truth.objective, 3);
      expect(allContiguous(inst, got.sectorOf)).toBe(true);
      expect(got.maxDeviationRatio).toBeLessThanOrEqual(toleranceRatio + 1e-9);
      expect(got.gapRatio).toBeLessThan(1e-5);
    }
  });

  it('contiguity binds: without it the optimum is cheaper and in pieces; the eager flow model agrees with the lazy one', () => {
    const inst = gridInstance();
    const free = solveSectorsExact(highs, inst, { toleranceRatio: 0.2, contiguity: false });
    const lazy = solveSectorsExact(highs, inst, { toleranceRatio: 0.2 });
    const eager = solveSectorsExact(highs, inst, { toleranceRatio: 0.2, eagerContiguity: true });
    expect(allContiguous(inst, free.sectorOf)).toBe(false);
    expect(free.objective).toBeLessThan(lazy.objective);
    expect(lazy.flowSectors.length).toBeGreaterThan(0);
    expect(eager.objective).toBeCloseTo(lazy.objective, 3);
  });

  it('keeps locked communes and locked sectors, and checks the potential as a second criterion', () => {
    const inst = gridInstance();
    const current = Int32Array.from([0, 0, 1, 1, 1, 0, 2, 2, 2, 2]);
    const lockedCommunes = [2, 5];
    const got = solveSectorsExact(highs, inst, { toleranceRatio: 0.3, current, lockedCommunes });
    expect(got.objective).toBeCloseTo(enumerateOptimum(inst, { toleranceRatio: 0.3, current, lockedCommunes }).objective, 3);
    for (const c of lockedCommunes) expect(got.sectorOf[c]).toBe(current[c]);
    const locked = solveSectorsExact(highs, inst, { toleranceRatio: 0.5, current, lockedSectors: [2] });
    for (let c = 0; c < 10; c++) expect(locked.sectorOf[c] === 2).toBe(current[c] === 2);
    const two = solveSectorsExact(highs, inst, { toleranceRatio: 0.3, potentialToleranceRatio: 0.3 });
    expect(two.objective).toBeCloseTo(enumerateOptimum(inst, { toleranceRatio: 0.3, potentialToleranceRatio: 0.3 }).objective, 3);
  });

  it('minimal disruption moves no more communes than plain mode, and its objective is cost + penalty × moved', () => {
    const inst = gridInstance();
    const current = Int32Array.from([0, 0, 1, 1, 0, 2, 2, 2, 1, 2]);
    const plain = solveSectorsExact(highs, inst, { toleranceRatio: 0.2, current });
    const movePenalty = 150_000;
    const calm = solveSectorsExact(highs, inst, { toleranceRatio: 0.2, current, movePenalty });
    expect(calm.movedCount).toBeLessThanOrEqual(plain.movedCount);
    expect(calm.movedCount).toBeLessThan(plain.movedCount); // the penalty is large enough to matter on this instance
    expect(calm.objective).toBeCloseTo(enumerateOptimum(inst, { toleranceRatio: 0.2, current, movePenalty }).objective, 3);
    let cost = 0;
    for (let c = 0; c < 10; c++) cost += inst.weight[c] * inst.timeSec[calm.sectorOf[c] * 10 + c];
    expect(calm.objective).toBeCloseTo(cost + movePenalty * calm.movedCount, 3);
  });

  it('an infeasible tolerance is refused with the tightest feasible one, which is then feasible', () => {
    const inst = gridInstance();
    let error: unknown;
    try { solveSectorsExact(highs, inst, { toleranceRatio: 0.01 }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SectorInputError);
    const err = error as SectorInputError;
    expect(err.code).toBe('INFEASIBLE_BALANCE');
    const tightest = err.details.tightestToleranceRatio as number;
    expect(tightest).toBeGreaterThan(0.01);
    expect(err.message).toContain('%');
    expect(() => solveSectorsExact(highs, inst, { toleranceRatio: tightest })).not.toThrow();
    expect(enumerateOptimum(inst, { toleranceRatio: tightest - 0.002 }).count).toBe(0);
  });
});
