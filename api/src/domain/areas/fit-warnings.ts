/** The French warnings both calibrations attach to their fit (see CalibrationFit.warnings). */
import { PARAM_BOUNDS, type CalibrationFit, type Decay } from './types.js';
import { areasText } from '../../messages/areas.js';
import { lambdaBounds } from './check.js';

/** Under this mean count per observed pair, ln n is too noisy and zero pairs too many for MCI. */
export const MCI_SPARSE_MEAN_COUNT = 5;

export function fitWarnings(f: Pick<CalibrationFit, 'atBound' | 'gammaFixed' | 'excludedCount' | 'includedCount'>, kind: Decay['kind'], mciMeanCount?: number): string[] {
  const out: string[] = [];
  if (mciMeanCount !== undefined && mciMeanCount < MCI_SPARSE_MEAN_COUNT) out.push(areasText.mciSparse(mciMeanCount));
  if (f.gammaFixed) out.push(areasText.gammaFixed);
  if (f.atBound.includes('gamma')) out.push(areasText.fitAtBound('γ', ...PARAM_BOUNDS.gamma));
  if (f.atBound.includes('lambda')) out.push(areasText.fitAtBound('λ', ...lambdaBounds(kind)));
  const all = f.excludedCount + f.includedCount;
  if (f.excludedCount > 0 && all > 0) out.push(areasText.excludedCustomers(f.excludedCount, f.excludedCount / all));
  return out;
}
