import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { location: { origin: 'http://127.0.0.1', hash: '' } }));
import { COMMUNE_CODE_LIST_RE, isCommuneCode, isDepartementCode, isRegionCode } from '../../web/src/lib/codes.js';
import * as apiCodes from '../../api/src/domain/territory/codes.js';
import { parseMatrixEntries } from '../../web/src/features/matrix/state.js';
import { parseCodes } from '../../web/src/features/zones/slice.js';

describe('one code rule on the web (the API rule)', () => {
  it('accepts the same commune and département codes as the API', () => {
    const communes = ['48095', '2A004', '2B033', '97411', '97608', '98735', '2a004', '2C004', '4809', '480951', 'AB123'];
    for (const c of communes) expect(isCommuneCode(c), c).toBe(apiCodes.isCommuneCode(c));
    expect(communes.filter(isCommuneCode)).toEqual(['48095', '2A004', '2B033', '97411', '97608', '98735']);
    const deps = ['01', '78', '2A', '2B', '971', '976', '977', '978', '984', '986', '989', '979', '985', '20', '2C', '100'];
    for (const d of deps) expect(isDepartementCode(d), d).toBe(apiCodes.isDepartementCode(d));
    expect(deps.filter(isDepartementCode)).toEqual(['01', '78', '2A', '2B', '971', '976', '977', '978', '984', '986', '989', '20']);
    expect(['11', '76', '1', '976'].filter(isRegionCode)).toEqual(['11', '76']);
  });

  it('splits pasted lists the same way in the matrix and the zones', () => {
    expect(parseMatrixEntries('78551 2A 977, Le Pecq')).toEqual({ departements: ['2A', '977'], communes: ['78551', 'Le Pecq'] });
    expect(parseMatrixEntries('97411 976')).toEqual({ departements: ['976'], communes: ['97411'] });
    expect(parseCodes('78646 2a004\nSaint-Germain-en-Laye')).toEqual(['78646', '2a004', 'Saint-Germain-en-Laye']);
    expect(COMMUNE_CODE_LIST_RE.test('78646 2C004')).toBe(false);
  });
});
