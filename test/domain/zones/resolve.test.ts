import { describe, expect, it } from 'vitest';
import { resolveZoneInputs, splitCodeList } from '../../../api/src/domain/zones/resolve.js';
import { editMembers, membersDiffer, normalizeMembers, polygonMembers, versionNote } from '../../../api/src/domain/zones/zone.js';

const ref = {
  communes: [
    { code: '74010', name: 'Annecy', departementCode: '74', postcodes: ['74000', '74370', '74600', '74940', '74960'] },
    { code: '48095', name: 'Mende', departementCode: '48', postcodes: ['48000'] },
    { code: '93066', name: 'Saint-Denis', departementCode: '93', postcodes: ['93200', '93210'] },
    { code: '97411', name: 'Saint-Denis', departementCode: '974', postcodes: ['97400', '97417', '97490'] },
    { code: '2A004', name: 'Ajaccio', departementCode: '2A', postcodes: ['20000', '20090'] },
  ],
  history: [{ oldCode: '74011', newCode: '74010' }],
};

describe('resolveZoneInputs', () => {
  it('resolves codes, former codes, postcodes and names, naming unknown inputs', () => {
    const r = resolveZoneInputs(['48095', '74011', '2a004', '93200', 'Mende (48)', 'Saint-Denis (974)', '99999', 'Nulle-Part'], ref);
    expect(r.codes).toEqual(['48095', '74010', '2A004', '93066', '97411']);
    expect(r.formerCodes).toEqual([{ from: '74011', to: ['74010'] }]);
    expect(r.postcodes).toEqual([{ from: '93200', to: ['93066'] }]);
    expect(r.unknown).toEqual(['99999', 'Nulle-Part']);
  });

  it('does not guess an ambiguous name', () => {
    const r = resolveZoneInputs(['Saint-Denis'], ref);
    expect(r.codes).toEqual([]);
    expect(r.ambiguous).toEqual([{ input: 'Saint-Denis', candidates: ['Saint-Denis (93)', 'Saint-Denis (974)'] }]);
  });

  it('splits pasted lists', () => {
    expect(splitCodeList('48095\n74010; 2A004,\t35238\r\n\n')).toEqual(['48095', '74010', '2A004', '35238']);
  });
});

describe('membership', () => {
  it('normalizes, edits and diffs members; notes what changed', () => {
    const m = normalizeMembers([{ communeCode: 'B', weight: 0.99951 }, { communeCode: 'A', weight: 0.3 }, { communeCode: 'A', weight: 0.6 }, { communeCode: 'C', weight: 0 }]);
    expect(m).toEqual([{ communeCode: 'A', weight: 0.6 }, { communeCode: 'B', weight: 1 }]);
    const next = editMembers(m, ['C', 'A'], ['B']);
    expect(next).toEqual([{ communeCode: 'A', weight: 0.6 }, { communeCode: 'C', weight: 1 }]);
    expect(membersDiffer(m, next)).toBe(true);
    expect(membersDiffer(m, [...m].reverse())).toBe(false);
    expect(versionNote(m, next)).toBe('1 commune ajoutée, 1 commune retirée');
  });

  it('polygon rule: ≥ 10 % of the area inside or point inside; weight = share inside', () => {
    const m = polygonMembers([
      { communeCode: 'A', shareRatio: 1, pointInside: true },
      { communeCode: 'B', shareRatio: 0.25, pointInside: false },
      { communeCode: 'C', shareRatio: 0.05, pointInside: true },
      { communeCode: 'D', shareRatio: 0.05, pointInside: false },
    ]);
    expect(m).toEqual([{ communeCode: 'A', weight: 1 }, { communeCode: 'B', weight: 0.25 }, { communeCode: 'C', weight: 0.05 }]);
  });
});
