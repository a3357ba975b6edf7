/** Hand-made sector instances for the tests: a 2 × 5 grid of communes and its exhaustive optimum. */
import { adjacencyFromLists, type SectorInstance } from '../../../api/src/domain/sectors/index.js';

/** Communes 0…9 on a 2 × 5 grid (c = row × 5 + col), rook neighbours; bases at 0, 4 and 7; 10 min per grid step,
 * but 5 min from base 0 to commune 9 (a motorway). */
export function gridInstance(): SectorInstance {
  const n = 10;
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < n; c++) {
    const [r, col] = [Math.floor(c / 5), c % 5];
    if (col < 4) lists[c].push(c + 1);
    if (r === 0) lists[c].push(c + 5);
  }
  const baseCommune = Int32Array.from([0, 4, 7]);
  const timeSec = new Float32Array(3 * n);
  baseCommune.forEach((b, s) => {
    for (let c = 0; c < n; c++) timeSec[s * n + c] = 600 * Math.hypot(Math.floor(c / 5) - Math.floor(b / 5), (c % 5) - (b % 5));
  });
  timeSec[0 * n + 9] = 300; // a motorway from base 0 to commune 9, across the grid: the nearest base is not a neighbour
  return {
    communeCount: n, sectorCount: 3, adjacency: adjacencyFromLists(lists), baseCommune, timeSec,
    workload: Float64Array.from([5, 4, 6, 5, 6, 4, 6, 5, 4, 5]),
    weight: Float64Array.from([100, 300, 50, 800, 120, 60, 900, 200, 40, 500]),
    potential: Float64Array.from([10, 30, 20, 10, 40, 20, 10, 30, 20, 10]),
    areaKm2: Float64Array.from([10, 12, 8, 15, 9, 11, 7, 13, 10, 14]),
  };
}

/** Independent contiguity check: BFS from the base over the sector's communes (the grid is one component). */
function contiguous(inst: SectorInstance, sectorOf: ArrayLike<number>, s: number): boolean {
  const seen = new Set([inst.baseCommune[s]]);
  const queue = [inst.baseCommune[s]];
  while (queue.length) {
    const i = queue.pop()!;
    for (let q = inst.adjacency.offsets[i]; q < inst.adjacency.offsets[i + 1]; q++) {
      const j = inst.adjacency.neighbours[q];
      if (sectorOf[j] === s && !seen.has(j)) { seen.add(j); queue.push(j); }
    }
  }
  return Array.from(sectorOf).filter((x) => x === s).length === seen.size;
}

export interface EnumOptions { toleranceRatio: number; current?: Int32Array; lockedCommunes?: number[]; movePenalty?: number; potentialToleranceRatio?: number }

/** The optimum over all 3^10 assignments, checked with plain loops (no domain code but the instance). */
export function enumerateOptimum(inst: SectorInstance, o: EnumOptions): { objective: number; sectorOf: number[]; count: number } {
  const n = inst.communeCount;
  const k = inst.sectorCount;
  const mean = inst.workload.reduce((a, b) => a + b, 0) / k;
  const potMean = inst.potential!.reduce((a, b) => a + b, 0) / k;
  let best = { objective: Infinity, sectorOf: [] as number[], count: 0 };
  const a = new Array(n).fill(0);
  for (let code = 0; code < k ** n; code++) {
    for (let c = 0, x = code; c < n; c++, x = Math.floor(x / k)) a[c] = x % k;
    if ([...inst.baseCommune].some((b, s) => a[b] !== s)) continue;
    if (o.lockedCommunes?.some((c) => a[c] !== o.current![c])) continue;
    const load = new Array(k).fill(0);
    const pot = new Array(k).fill(0);
    for (let c = 0; c < n; c++) { load[a[c]] += inst.workload[c]; pot[a[c]] += inst.potential![c]; }
    if (load.some((l) => Math.abs(l - mean) > o.toleranceRatio * mean + 1e-9)) continue;
    if (o.potentialToleranceRatio !== undefined && pot.some((l) => Math.abs(l - potMean) > o.potentialToleranceRatio! * potMean + 1e-9)) continue;
    if (![0, 1, 2].every((s) => contiguous(inst, a, s))) continue;
    let objective = 0;
    for (let c = 0; c < n; c++) {
      objective += inst.weight[c] * inst.timeSec[a[c] * n + c];
      if (o.current && o.current[c] !== a[c]) objective += o.movePenalty ?? 0;
    }
    best.count++;
    if (objective < best.objective - 1e-9) best = { objective, sectorOf: [...a], count: best.count };
  }
  return best;
}

export { contiguous };
