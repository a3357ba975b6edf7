import { describe, expect, it } from 'vitest';
import {
  adjacencyFromLists, BasinInputError, fixContiguity, flowBasins, indexFlows, mergeBasins, pluralityAssign, type FlowTable,
} from '../../../api/src/domain/basins/index.js';

// 8 codes géo on a 2 × 4 grid (rook neighbours), 4 hospitals H0…H3 (H0 stands in o0, H1 in o3, H2 in o6, H3 in o5):
//   o0 - o1 - o2 - o3
//   |    |    |    |
//   o4 - o5 - o6 - o7
// stays (origin: unit stays, …)
const ROWS: [number, number, number][] = [
  [0, 0, 800], [0, 1, 100], //              o0 → H0
  [1, 0, 600], [1, 2, 300], //              o1 → H0
  [2, 1, 500], [2, 0, 400], //              o2 → H1
  [3, 1, 900], [3, 2, 100], //              o3 → H1
  [4, 2, 450], [4, 0, 400], //              o4 → H2 (not adjacent to o6, the rest of H2's basin)
  [5, 3, 300], [5, 0, 200], [5, 2, 250], // o5 → H3
  [6, 2, 700], [6, 1, 200], //              o6 → H2
  [7, 1, 600], [7, 2, 300], //              o7 → H1
];
const flows: FlowTable = {
  originCount: 8, unitCount: 4,
  origin: Int32Array.from(ROWS, (r) => r[0]), unit: Int32Array.from(ROWS, (r) => r[1]), stays: Float64Array.from(ROWS, (r) => r[2]),
};
const adj = adjacencyFromLists([[1, 4], [0, 2, 5], [1, 3, 6], [2, 7], [0, 5], [1, 4, 6], [2, 5, 7], [3, 6]]);
const unitHome = Int32Array.from([0, 3, 6, 5]);
const idx = indexFlows(flows);

describe('flow basins, step by step on the hand-made fixture', () => {
  it('1. plurality: o0,o1 → H0; o2,o3,o7 → H1; o4,o6 → H2; o5 → H3', () => {
    const a = pluralityAssign(idx);
    expect([...a.basinOfOrigin]).toEqual([0, 0, 1, 1, 2, 3, 2, 1]);
    expect([...a.basinOfUnit]).toEqual([0, 1, 2, 3]);
  });

  it('2. contiguity: o4 is cut off from H2 (o6); of its neighbours’ basins H0 (o0) and H3 (o5) it sends 400 to H0, 0 to H3 → H0', () => {
    const c = fixContiguity(idx, adj, pluralityAssign(idx), { unitHome });
    expect(c.moves).toEqual([{ origin: 4, from: 2, to: 0 }]);
    expect([...c.assignment.basinOfOrigin]).toEqual([0, 0, 1, 1, 0, 3, 2, 1]);
    expect(c.stable).toBe(true);
    // without unit locations the part with most stays stays: o6 (900) against o4 (850) → same answer
    expect(fixContiguity(idx, adj, pluralityAssign(idx)).moves).toEqual(c.moves);
  });

  it('3. merges (LI < 0.5 or < 1,000 stays): H3 {o5} (750 stays, LI 300/750 = 0.4) → H2 (o5 sends 250 to H2, 200 to H0)', () => {
    const c = fixContiguity(idx, adj, pluralityAssign(idx), { unitHome });
    // before: H0 {o0,o1,o4} 2,650 stays, LI (800+600+400)/2,650 ; H1 {o2,o3,o7} 2,800, LI 2,000/2,800 ;
    //         H2 {o6} 900 (< 1,000), LI 700/900 ; H3 {o5} 750 (< 1,000), LI 0.4 → the smallest, H3, goes first.
    const m = mergeBasins(idx, adj, c.assignment);
    expect(m.merges).toEqual([{ from: 3, to: 2, reason: 'size', localizationRatio: 0.4, staysCount: 750 }]);
    // merged H2 {o5,o6}: 1,650 stays, inside = o5 (H2 250 + H3 300) + o6 (H2 700) = 1,250 → LI 0.7576 ≥ 0.5: done
    expect([...m.assignment.basinOfOrigin]).toEqual([0, 0, 1, 1, 0, 2, 2, 1]);
    expect([...m.assignment.basinOfUnit]).toEqual([0, 1, 2, 2]);
    expect(m.unmergeable).toEqual([]);
  });

  it('3b. with LI ≥ 0.7 required, H0 (LI 1,800/2,650 = 0.679) also merges, into H2 (750 stays) rather than H1 (100)', () => {
    const c = fixContiguity(idx, adj, pluralityAssign(idx), { unitHome });
    const m = mergeBasins(idx, adj, c.assignment, { minLocalizationRatio: 0.7 });
    expect(m.merges.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
      { from: 3, to: 2, reason: 'size' },
      { from: 0, to: 2, reason: 'localization' },
    ]);
    expect(m.merges[1].localizationRatio).toBeCloseTo(1800 / 2650, 12);
    expect(m.merges[1].staysCount).toBe(2650);
  });

  it('all steps: figures per basin', () => {
    const r = flowBasins(flows, adj, { unitHome });
    expect(r.basins.map((b) => b.id)).toEqual([0, 1, 2]);
    const [h0, h1, h2] = r.basins;
    expect(h0).toMatchObject({ members: [0, 1, 4], units: [0], residentStaysCount: 2650, insideStaysCount: 1800, mainUnit: 0 });
    expect(h0.localizationRatio).toBeCloseTo(1800 / 2650, 12);
    expect(h0.leakageRatio).toBeCloseTo(850 / 2650, 12);
    expect(h0.mainUnitShareRatio).toBeCloseTo(1800 / 2650, 12);
    expect(h0.treatedStaysCount).toBe(800 + 600 + 400 + 400 + 200); // all H0 rows
    expect(h1).toMatchObject({ members: [2, 3, 7], residentStaysCount: 2800, insideStaysCount: 2000 });
    expect(h2).toMatchObject({ members: [5, 6], units: [2, 3], residentStaysCount: 1650, insideStaysCount: 1250, mainUnit: 2 });
    expect(h2.mainUnitShareRatio).toBeCloseTo(950 / 1650, 12); // H2: 250 (o5) + 700 (o6)
    expect(h2.treatedStaysCount).toBe(300 + 100 + 450 + 250 + 700 + 300 + 300); // all H2 and H3 rows
    expect(r.contiguityMoves).toHaveLength(1);
    expect(r.merges).toHaveLength(1);
    expect(r.unassignedOriginCount).toBe(0);
  });

  it('duplicate rows are summed; an island failing a threshold is said unmergeable; an origin without stays is unassigned', () => {
    const f: FlowTable = {
      originCount: 4, unitCount: 2,
      origin: Int32Array.from([0, 0, 1, 2]), unit: Int32Array.from([0, 0, 0, 1]), stays: Float64Array.from([600, 600, 900, 40]),
    };
    const a = adjacencyFromLists([[1], [0], [], [1]]); // o2 is an island; o3 (no stays) touches o1
    const r = flowBasins(f, a);
    expect([...r.basinOfOrigin]).toEqual([0, 0, 1, -1]);
    expect(r.basins[0].residentStaysCount).toBe(2100);
    expect(r.unmergeable).toEqual([1]);
    expect(r.merges).toEqual([]);
    expect(r.unassignedOriginCount).toBe(1);
  });
});

describe('contiguity on a row o0 - o1 - o2 - o3, A = {o0, o2} standing in o0, B = {o1, o3} standing in o3', () => {
  it('each detached origin joins the other basin through its main part: A = {o0, o1}, B = {o2, o3}, in one pass', () => {
    const f: FlowTable = {
      originCount: 4, unitCount: 2,
      origin: Int32Array.from([0, 1, 1, 2, 2, 3]), unit: Int32Array.from([0, 1, 0, 0, 1, 1]), stays: Float64Array.from([900, 600, 400, 550, 450, 900]),
    };
    const a = adjacencyFromLists([[1], [0, 2], [1, 3], [2]]);
    const fi = indexFlows(f);
    const plural = pluralityAssign(fi);
    expect([...plural.basinOfOrigin]).toEqual([0, 1, 0, 1]);
    const c = fixContiguity(fi, a, plural, { unitHome: Int32Array.from([0, 3]) });
    expect(c.moves).toEqual([{ origin: 1, from: 1, to: 0 }, { origin: 2, from: 0, to: 1 }]);
    expect([...c.assignment.basinOfOrigin]).toEqual([0, 0, 1, 1]);
    expect(c.stable).toBe(true);
    expect(c.detachedOriginCount).toBe(0); // none left apart
    expect(fixContiguity(fi, a, c.assignment).moves).toEqual([]);
  });
});

describe('bad input', () => {
  it('unit out of range, negative stays, no stays, asymmetric adjacency', () => {
    const bad = (patch: Partial<FlowTable>) => () => flowBasins({ ...flows, ...patch }, adj);
    expect(bad({ unit: Int32Array.from(ROWS, () => 4) })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'flows.unit' }));
    expect(bad({ stays: Float64Array.from(ROWS, () => -1) })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'flows.stays' }));
    expect(bad({ stays: new Float64Array(ROWS.length) })).toThrow(expect.objectContaining({ code: 'NO_FLOWS', message: expect.stringContaining('Aucun séjour') }));
    const asym = { offsets: Int32Array.from([0, 1, 1, 1, 1, 1, 1, 1, 1]), neighbours: Int32Array.from([1]) };
    expect(() => flowBasins(flows, asym)).toThrow(BasinInputError);
    expect(() => mergeBasins(idx, adj, pluralityAssign(idx), { minLocalizationRatio: 1.5 })).toThrow(expect.objectContaining({ field: 'minLocalizationRatio' }));
  });
});
