import { describe, expect, it } from 'vitest';
import { communeCodesOf, matrixCsv, matrixEndpoints, unreachableReason } from '../../../api/src/domain/routing/query/matrix-csv.js';

const network = { source: 'OpenStreetMap France (2021)', sourceDate: '2021-01-01', licence: 'ODbL', profile: 'car' };

describe('matrix CSV (pure)', () => {
  it('labels communes by name, coordinates by id/name or "lon,lat"', () => {
    const points = [{ communeCode: '2a004' }, [2.1, 48.9] as [number, number], { lon: 2.2, lat: 48.8, id: 'S1' }];
    expect(communeCodesOf(points)).toEqual(['2A004']);
    expect(matrixEndpoints(points, new Map([['2A004', 'Ajaccio']]))).toEqual([
      { code: '2A004', name: 'Ajaccio' },
      { code: '2.1,48.9', name: '' },
      { code: 'S1', name: '' },
    ]);
  });

  const input = {
    sources: [{ code: 'A', name: 'Alpha' }, { code: 'B', name: 'Bêta' }],
    targets: [{ code: 'C', name: 'Gamma' }, { code: 'D', name: 'Delta' }],
    matrix: { durationSec: [[754, null], [null, 61]], distanceM: [[12_345, null], [null, 1005]], unsnappedSources: [], unsnappedTargets: [1] },
    network,
    computedMs: 3.4,
    generatedAt: new Date('2026-01-02T03:04:05Z'),
  };

  it('writes hand-computed rows through the one CSV writer: French headings, decimal comma, empty cells and their reason in French', () => {
    const csv = matrixCsv(input);
    expect(csv.split('\r\n')).toEqual([
      '\ufeff# Maillage — matrice des temps de trajet en voiture : 2 origines × 2 destinations (4 couples)',
      '# réseau routier : OpenStreetMap France (2021) ; date : 2021-01-01 ; licence : ODbL ; © les contributeurs OpenStreetMap (ODbL) ; profil : car',
      '# calculé le 2026-01-02T03:04:05.000Z en 3 ms ; durées en minutes (1 décimale), distances en km (2 décimales)',
      expect.stringMatching(/^# cellules vides : la colonne « Raison » dit pourquoi \(origine hors du réseau routier, /),
      'Code origine;Nom origine;Code destination;Nom destination;Durée (min);Distance (km);Raison',
      'A;Alpha;C;Gamma;12,6;12,35;',
      'A;Alpha;D;Delta;;;destination hors du réseau routier',
      'B;Bêta;C;Gamma;;;aucun itinéraire',
      'B;Bêta;D;Delta;1;1,01;', // 61 s → 1 min; 1005 m → 1,01 km (rounded half up on the metres)
      '',
    ]);
  });

  it('writes points for tools (`decimal: point`) and the machine-name row on request; neutralises formula names', () => {
    const lines = matrixCsv({ ...input, sources: [{ code: 'A', name: '=cmd()' }, { code: '-1.55,47.21', name: '' }], options: { decimal: 'point' }, machineNames: true }).split('\r\n');
    expect(lines.slice(4, 7)).toEqual([
      'Code origine;Nom origine;Code destination;Nom destination;Durée (min);Distance (km);Raison',
      'origin_code;origin_name;destination_code;destination_name;duration_min;distance_km;reason',
      "A;'=cmd();C;Gamma;12.6;12.35;",
    ]);
    expect(lines[9]).toBe('-1.55,47.21;;D;Delta;1;1.01;');
  });

  it('gives the origin first when both ends are off the network', () => {
    expect(unreachableReason(null, true, true)).toBe('origin_off_network');
    expect(unreachableReason(0, true, true)).toBeNull();
  });
});
