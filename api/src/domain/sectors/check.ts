/** Input checks shared by the KPIs, the MILP, the heuristic: sizes, measures ≥ 0, bases, tolerances, locks. */
import { SectorInputError, type BalanceOptions, type SectorInstance } from './types.js';
import { checkAdjacency } from './adjacency.js';
import { sectorsText } from '../../messages/sectors.js';

function checkMeasure(field: string, values: Float64Array | undefined, n: number): void {
  if (!values) return;
  if (values.length !== n) throw new SectorInputError('BAD_INPUT', field, sectorsText.sizeMismatch(field, n, values.length));
  for (let c = 0; c < n; c++) if (!(values[c] >= 0)) throw new SectorInputError('BAD_INPUT', field, sectorsText.badMeasure(field, c));
}

export function checkInstance(inst: SectorInstance): void {
  const { communeCount: n, sectorCount: k } = inst;
  if (k < 1) throw new SectorInputError('BAD_INPUT', 'sectorCount', sectorsText.noSectors);
  checkAdjacency(inst.adjacency, n);
  if (inst.baseCommune.length !== k) throw new SectorInputError('BAD_INPUT', 'baseCommune', sectorsText.sizeMismatch('baseCommune', k, inst.baseCommune.length));
  if (inst.timeSec.length !== n * k) throw new SectorInputError('BAD_INPUT', 'timeSec', sectorsText.sizeMismatch('timeSec', n * k, inst.timeSec.length));
  const seen = new Map<number, number>();
  inst.baseCommune.forEach((b, s) => {
    if (b < -1 || b >= n) throw new SectorInputError('BAD_INPUT', 'baseCommune', sectorsText.indexOutOfRange('baseCommune', b, n));
    if (b >= 0 && seen.has(b)) throw new SectorInputError('BAD_INPUT', 'baseCommune', sectorsText.sharedBase(seen.get(b)!, s));
    if (b >= 0) seen.set(b, s);
  });
  checkMeasure('workload', inst.workload, n);
  checkMeasure('weight', inst.weight, n);
  checkMeasure('potential', inst.potential, n);
  checkMeasure('areaKm2', inst.areaKm2, n);
}

function checkRatio(field: string, x: number | undefined): void {
  if (x !== undefined && !(x >= 0 && x <= 1)) throw new SectorInputError('BAD_INPUT', field, sectorsText.badTolerance(field, x));
}

/** Checks what an optimisation needs on top of `checkInstance`: a base per sector, every commune reachable, locks. */
export function checkBalanceOptions(inst: SectorInstance, opts: BalanceOptions): void {
  checkInstance(inst);
  const { communeCount: n, sectorCount: k } = inst;
  checkRatio('toleranceRatio', opts.toleranceRatio);
  checkRatio('potentialToleranceRatio', opts.potentialToleranceRatio);
  if (opts.potentialToleranceRatio !== undefined && !inst.potential) throw new SectorInputError('BAD_INPUT', 'potential', sectorsText.noPotential);
  inst.baseCommune.forEach((b, s) => { if (b < 0) throw new SectorInputError('BAD_INPUT', 'baseCommune', sectorsText.missingBase(s)); });
  const needsCurrent = (opts.lockedCommunes?.length ?? 0) > 0 || (opts.lockedSectors?.length ?? 0) > 0 || (opts.movePenalty ?? 0) > 0;
  if (needsCurrent && !opts.current) throw new SectorInputError('BAD_INPUT', 'current', sectorsText.noCurrentPlan);
  if (opts.current && opts.current.length !== n) throw new SectorInputError('BAD_INPUT', 'current', sectorsText.sizeMismatch('current', n, opts.current.length));
  for (const c of opts.lockedCommunes ?? []) if (!(c >= 0 && c < n)) throw new SectorInputError('BAD_INPUT', 'lockedCommunes', sectorsText.indexOutOfRange('lockedCommunes', c, n));
  for (const s of opts.lockedSectors ?? []) if (!(s >= 0 && s < k)) throw new SectorInputError('BAD_INPUT', 'lockedSectors', sectorsText.indexOutOfRange('lockedSectors', s, k));
  let unreachable = 0;
  let first = -1;
  for (let c = 0; c < n; c++) {
    let any = false;
    for (let s = 0; s < k && !any; s++) any = Number.isFinite(inst.timeSec[s * n + c]);
    if (!any) { unreachable++; if (first < 0) first = c; }
  }
  if (unreachable) throw new SectorInputError('BAD_INPUT', 'timeSec', sectorsText.unreachable(unreachable, first), { unreachableCount: unreachable });
}
