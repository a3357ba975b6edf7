/**
 * Synthetic market for the calibration tests and the speed measure (labelled synthetic: random points in a
 * square, crow-fly × 1.3 at 60 km/h as drive time). Customers are drawn from a Huff model with known γ, λ.
 */
import { huff, type Decay, type ObservedFlows, type StoreTimes } from '../../../api/src/domain/areas/index.js';
import { seededRandom } from '../../../api/src/domain/common/random.js';

export interface Market { times: StoreTimes; attractiveness: Float64Array; population: Float64Array }

export function syntheticMarket(seed: number, storeCount: number, communeCount: number, sideKm = 100, cutoffMin = 60): Market {
  const rand = seededRandom(seed);
  const sx = Float64Array.from({ length: storeCount }, () => rand() * sideKm);
  const sy = Float64Array.from({ length: storeCount }, () => rand() * sideKm);
  const cx = Float64Array.from({ length: communeCount }, () => rand() * sideKm);
  const cy = Float64Array.from({ length: communeCount }, () => rand() * sideKm);
  const sec = new Float32Array(storeCount * communeCount);
  for (let s = 0; s < storeCount; s++) {
    for (let c = 0; c < communeCount; c++) {
      const min = Math.hypot(sx[s] - cx[c], sy[s] - cy[c]) * 1.3; // km × 1.3 at 60 km/h = minutes
      sec[s * communeCount + c] = min <= cutoffMin ? min * 60 : NaN;
    }
  }
  const attractiveness = Float64Array.from({ length: storeCount }, () => Math.exp(rand() * 3)); // 1 … 20
  const population = Float64Array.from({ length: communeCount }, () => Math.round(100 + rand() * 1900));
  return { times: { storeCount, communeCount, sec }, attractiveness, population };
}

/**
 * Customers per commune = share × population, each drawn from the Huff probabilities (multinomial); with
 * `expected` the counts are the expectations N·P themselves (no sampling noise).
 */
export function drawCustomers(m: Market, gamma: number, decay: Decay, shareOfPopulation: number, seed: number, expected = false): ObservedFlows {
  const { storeCount: S, communeCount: C } = m.times;
  const r = huff(m.times, m.attractiveness, m.population, new Uint8Array(S), { gamma, decay });
  const rand = seededRandom(seed);
  const store: number[] = []; const commune: number[] = []; const count: number[] = [];
  const counts = new Float64Array(S);
  for (let c = 0; c < C; c++) {
    const n = Math.round(m.population[c] * shareOfPopulation);
    counts.fill(0);
    if (expected) for (let s = 0; s < S; s++) counts[s] = n * r.prob[s * C + c];
    else {
      for (let k = 0; k < n; k++) {
        let u = rand(); let s = 0;
        for (; s < S - 1; s++) { u -= r.prob[s * C + c]; if (u < 0) break; }
        if (r.prob[s * C + c] > 0) counts[s]++;
      }
    }
    for (let s = 0; s < S; s++) if (counts[s] > 0) { store.push(s); commune.push(c); count.push(counts[s]); }
  }
  return { store: Int32Array.from(store), commune: Int32Array.from(commune), count: Float64Array.from(count) };
}
