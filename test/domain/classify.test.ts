import { describe, expect, it } from 'vitest';
import { classLabels, classOf, jenksBreaks, quantileBreaks, rampFor } from '../../web/src/lib/classify.js';
import { declutter, projectPx } from '../../web/src/lib/declutter.js';

describe('quantileBreaks', () => {
  it('splits sorted values into classes of equal counts, ignoring nulls', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, null], 4)).toEqual([2, 4, 6, 8]);
    expect(quantileBreaks([5, 5, 5, 5], 3)).toEqual([5]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });
});

describe('classLabels', () => {
  it('starts each class of whole numbers at the previous break + 1', () => {
    expect(classLabels([0, 2, 6, 655], 0, true, 'lignes')).toEqual(['0', '1 – 2', '3 – 6', '7 – 655']);
    expect(classLabels([0, 1, 6], 0, true, '')).toEqual(['0', '1', '2 – 6']);
  });
  it('keeps the break itself as the lower bound of continuous data', () => {
    expect(classLabels([12.1, 20.5, 28154], 0.4, false, 'hab./km²')).toEqual(['0,4 – 12,1', '12,1 – 20,5', '20,5 – 28 154']);
    expect(classLabels([5], 5, false, '%')).toEqual(['5 %']);
  });
});

describe('jenksBreaks', () => {
  it('finds the natural gaps of clearly clustered data', () => {
    const values = [1, 2, 3, 4, 50, 51, 52, 200, 201, 202];
    expect(jenksBreaks(values, 3)).toEqual([4, 52, 202]);
  });
  it('minimises the within-class squared deviations (hand-computed case)', () => {
    // [1,2,4,5,7,9,10,20] in 3 classes, sums of squared deviations by hand:
    //   {1,2,4,5}{7,9,10}{20} = 10 + 4.67 + 0 = 14.67   ← optimum
    //   {1,2,4,5,7}{9,10}{20} = 22.8 + 0.5 + 0 = 23.3
    //   {1,2}{4,5,7,9,10}{20} = 0.5 + 26 + 0 = 26.5
    expect(jenksBreaks([1, 2, 4, 5, 7, 9, 10, 20], 3)).toEqual([5, 10, 20]);
  });
  it('samples large inputs evenly and keeps the maximum as the last bound', () => {
    const values = Array.from({ length: 35000 }, (_, i) => (i < 30000 ? i % 100 : 1000 + (i % 50)));
    const breaks = jenksBreaks(values, 2);
    expect(breaks).toHaveLength(2);
    expect(breaks[0]).toBeLessThan(1000);
    expect(breaks[1]).toBe(1049);
  });
});

describe('classOf and ramps', () => {
  it('puts a value in the first class whose upper bound holds it', () => {
    expect(classOf(3, [2, 4, 6])).toBe(1);
    expect(classOf(7, [2, 4, 6])).toBe(2);
    expect(classOf(null, [2, 4, 6])).toBe(-1);
  });
  it('gives one colour per class', () => {
    expect(rampFor(4)).toHaveLength(4);
    expect(rampFor(7, true)).toHaveLength(7);
  });
});

// Map label placement (web/src/lib/declutter.ts) sits with the other pure map-display functions.
describe('label declutter', () => {
  const box = (p: { lon: number; lat: number }) => ({ lon: p.lon, lat: p.lat, widthPx: 60, heightPx: 14 });
  it('keeps the first of two overlapping labels and every label that overlaps none', () => {
    const paris = { lon: 2.35, lat: 48.85 };
    const boulogne = { lon: 2.24, lat: 48.84 }; // ~8 km west: overlaps Paris at z6, not at z11
    const lyon = { lon: 4.83, lat: 45.76 };
    expect(declutter([paris, boulogne, lyon], box, 6)).toEqual([paris, lyon]);
    expect(declutter([paris, boulogne, lyon], box, 11)).toEqual([paris, boulogne, lyon]);
  });
  it('projects like MapLibre: 512 px world at z0, Greenwich in the middle', () => {
    expect(projectPx(0, 0, 0)).toEqual([256, 256]);
    const [x, y] = projectPx(180, 85, 1);
    expect(x).toBe(1024);
    expect(y).toBeGreaterThan(0); // 85° is just inside the square world (85.05°)
    expect(y).toBeLessThan(2);
  });
});
