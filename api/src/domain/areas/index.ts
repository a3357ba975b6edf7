/**
 * Trade areas (zones de chalandise), pure domain — issue 14. Import only from here.
 * - huff.ts        Huff (1963) probabilistic model with power or exponential decay
 * - sparse.ts      the store × commune table's sparse form (only reachable pairs) and conversions
 * - calibrate-mci.ts  Nakanishi & Cooper (1974) MCI: log-centring, then (weighted) least squares
 * - calibrate-ml.ts   maximum-likelihood multinomial logit fit of (γ, λ) (Newton, bounded)
 * - choice-sets.ts, fit-report.ts, check.ts: shared by the above (pairs, shares and residuals, input checks)
 * - customer.ts    customer-derived areas (communes ranked until 50/70/80 % of customers)
 * - drive-time.ts  exclusive (network Voronoi) and overlapping drive-time bands
 * - what-if.ts     base vs changed Huff: captured vs cannibalised demand
 */
export * from './types.js';
export { huff, huffSparse, decayWeight, checkHuffParams } from './huff.js';
export { isSparse, toSparse, toDense, denseValues } from './sparse.js';
export { DEFAULT_MIN_TIME_MIN, decayRegressor } from './check.js';
export { MIN_PAIRS } from './choice-sets.js';
export { calibrateMci } from './calibrate-mci.js';
export { calibrateMl } from './calibrate-ml.js';
export { customerAreas } from './customer.js';
export { exclusiveAreas, overlappingBands } from './drive-time.js';
export { whatIfDelta } from './what-if.js';
/** The French words of this domain (also in messages/index.ts), re-exported for the areas services. */
export { areasText } from '../../messages/areas.js';
