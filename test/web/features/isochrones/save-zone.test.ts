import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { location: { origin: 'http://127.0.0.1', hash: '' } }));
import type { IsochroneResult } from '../../../../web/src/api/client.js';
import { bandCommuneCodes, bandZoneName } from '../../../../web/src/features/isochrones/save-zone.js';

// Three communes at 4, 9 and 17 minutes from the origin, bands ≤ 5, ≤ 10, ≤ 20 min.
const result = {
  origin: { lon: 2.0934, lat: 48.8985, snapDistanceM: 12 },
  communeTimeRule: 'Temps d’une commune : temps en voiture jusqu’à son point le plus proche',
  bands: [300, 600, 1200].map((breakSec) => ({ breakSec, communeCount: 0, populationCount: 0, customerCount: 0, healthSiteCount: 0 })),
  communes: [
    { code: '78551', name: 'Saint-Germain-en-Laye', durationSec: 240, bandBreakSec: 300 },
    { code: '78481', name: 'Le Pecq', durationSec: 540, bandBreakSec: 600 },
    { code: '78498', name: 'Poissy', durationSec: 1020, bandBreakSec: 1200 },
  ],
} as unknown as IsochroneResult;

describe('an isochrone band saved as a zone', () => {
  it('takes every commune whose own time is within the band (bands are cumulative)', () => {
    expect(bandCommuneCodes(result, 300)).toEqual(['78551']);
    expect(bandCommuneCodes(result, 600)).toEqual(['78551', '78481']);
    expect(bandCommuneCodes(result, 1200)).toEqual(['78551', '78481', '78498']);
  });

  it('is named after the band and the origin by default', () => {
    expect(bandZoneName(1200, result, 'Saint-Germain-en-Laye')).toBe('≤ 20 min autour de Saint-Germain-en-Laye');
    expect(bandZoneName(450, result, null)).toBe('≤ 7,5 min autour de 48,8985 ; 2,0934');
  });
});
