import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildReference, fromLambert93, geocodeRow, inFrance, type CommuneRef, type GeocodeInput } from '../../../api/src/domain/imports/geocode.js';
import { normalizeCommuneCode, normalizePostcode, parseDate, parseNumber } from '../../../api/src/domain/imports/values.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/imports/communes-ref.json'), 'utf8')) as {
  communes: CommuneRef[];
  history: { oldCode: string; newCode: string }[];
};
const ref = buildReference(fixture.communes, fixture.history);
const fields = { lon: 'lon', lat: 'lat', x: 'x', y: 'y', communeCode: 'insee', postcode: 'cp', city: 'ville' };
const geocode = (input: Omit<GeocodeInput, 'fields'>) => geocodeRow({ ...input, fields }, ref);

describe('typed values as French files write them', () => {
  it('parses French and English decimals, thousands separators, and flags text', () => {
    expect(['12,5', '12.5', '1 234,56', '1\u00a0234,56', '1\u202f234,5', '1.234,5', '-3', '', '  ', null, 7].map(parseNumber)).toEqual([
      12.5, 12.5, 1234.56, 1234.56, 1234.5, 1234.5, -3, null, null, null, 7,
    ]);
    expect(['abc', '12,5 €', '1,2,3', 'NaN'].map(parseNumber).every(Number.isNaN)).toBe(true);
  });

  it('reads a lone dot with three decimals as a decimal point, not thousands (coordinates like 46.207, -0.184)', () => {
    expect(['46.207', '-0.184', '0.184', '1.234', '1.234.567', '-1.234,5', '12.345,67'].map(parseNumber)).toEqual([46.207, -0.184, 0.184, 1.234, 1234567, -1234.5, 12345.67]);
  });

  it('parses ISO and French dates and refuses impossible ones', () => {
    expect(['2024-02-15', '01/03/2024', '1.3.2024', '', new Date(Date.UTC(2024, 0, 15))].map(parseDate)).toEqual(['2024-02-15', '2024-03-01', '2024-03-01', null, '2024-01-15']);
    expect(['31/02/2024', '2024-13-01', 'hier'].map(parseDate)).toEqual([undefined, undefined, undefined]);
  });

  it('restores INSEE codes and postcodes that lost their leading zero or case', () => {
    expect(['1004', '01004', '2a004', ' 35238 ', ''].map(normalizeCommuneCode)).toEqual(['01004', '01004', '2A004', '35238', null]);
    expect(['1300', '01300', '75008'].map(normalizePostcode)).toEqual(['01300', '01300', '75008']);
  });
});

describe('geocodeRow', () => {
  it('locates a current commune code at the commune point (precision commune)', () => {
    expect(geocode({ communeCode: '35238' })).toEqual({ lon: -1.681447, lat: 48.115855, communeCode: '35238', precision: 'commune', via: 'commune_code' });
    expect(geocode({ communeCode: '2A004' })).toMatchObject({ communeCode: '2A004', via: 'commune_code' });
  });

  it('keeps a row by its commune code but flags a postcode/city that says another commune (35238 with "29200 Brest")', () => {
    const loc = geocode({ communeCode: '35238', postcode: '29200', city: 'Brest' });
    expect(loc).toMatchObject({ communeCode: '35238', via: 'commune_code', precision: 'commune' });
    expect('warnings' in loc && loc.warnings).toEqual([
      { field: 'cp', reason: '« 29200 Brest » ne correspond pas à la commune 35238 Rennes (codes postaux : 35000, 35200, 35700) : ligne gardée et placée par le code commune, vérifiez-la' },
    ]);
    // A city alone that says another commune is flagged on the city field.
    expect(geocode({ communeCode: '35238', city: 'Brest' })).toMatchObject({ warnings: [{ field: 'ville', reason: expect.stringMatching(/^« Brest » ne correspond pas à la commune 35238 Rennes/) }] });
    // Consistent addresses (accents, case, "Paris 11e") are not flagged.
    expect(geocode({ communeCode: '35238', postcode: '35200', city: 'RENNES' })).not.toHaveProperty('warnings');
    expect(geocode({ communeCode: '75056', postcode: '75011', city: 'Paris 11e' })).not.toHaveProperty('warnings');
  });

  it('maps a former (merged) code to the current commune and says so', () => {
    expect(geocode({ communeCode: '74011' })).toMatchObject({ communeCode: '74010', via: 'old_commune_code', note: 'ancien code 74011 → 74010 Annecy' });
    expect(geocode({ communeCode: '01340' })).toMatchObject({ communeCode: '01015', via: 'old_commune_code' });
  });

  it('refuses a former code split between communes, and an unknown code', () => {
    expect(geocode({ communeCode: '55273' })).toEqual({ field: 'insee', reason: "l'ancien code 55273 a été partagé entre 55245, 55386 : indiquez le code actuel" });
    expect(geocode({ communeCode: '99999' })).toEqual({ field: 'insee', reason: 'code commune 99999 inconnu (COG 2026 et son historique)' });
  });

  it('locates postcode + city, accent-, case- and hyphen-insensitive', () => {
    for (const city of ['Saint-Étienne', 'SAINT ETIENNE', 'saint-etienne', ' saint-ÉTIENNE ']) {
      expect(geocode({ postcode: '42000', city })).toMatchObject({ communeCode: '42218', precision: 'commune', via: 'postcode_city' });
    }
    expect(geocode({ postcode: '01300', city: 'arboys en bugey' })).toMatchObject({ communeCode: '01015' });
    expect(geocode({ postcode: '75008', city: 'Paris' })).toMatchObject({ communeCode: '75056' });
  });

  it('refuses a postcode that does not match the city, naming the communes it does cover', () => {
    expect(geocode({ postcode: '35000', city: 'Brest' })).toEqual({ field: 'ville', reason: 'le code postal 35000 ne correspond pas à la ville « Brest » (communes de ce code postal : Rennes)' });
    expect(geocode({ postcode: '99999', city: 'Nulle part' })).toEqual({ field: 'cp', reason: 'code postal 99999 inconnu' });
  });

  it('falls back to the centroid of a shared postcode’s communes (precision postcode)', () => {
    const loc = geocode({ postcode: '48000' });
    const mende = fixture.communes.filter((c) => c.postcodes.includes('48000'));
    expect(mende).toHaveLength(12);
    expect(loc).toMatchObject({ precision: 'postcode', via: 'postcode', communeCode: null, note: 'code postal partagé par 12 communes : centre de leurs points' });
    if (!('lon' in loc)) throw new Error('expected a location');
    expect(loc.lon).toBeCloseTo(mende.reduce((s, c) => s + c.lon!, 0) / 12, 9);
    expect(geocode({ postcode: '29200' })).toMatchObject({ communeCode: '29019', precision: 'commune', via: 'postcode' });
  });

  it('takes WGS84 coordinates first (precision coordinates, commune found later by the database)', () => {
    expect(geocode({ lon: -1.6778, lat: 48.1173, communeCode: '99999' })).toEqual({ lon: -1.6778, lat: 48.1173, communeCode: null, precision: 'coordinates', via: 'coordinates' });
    expect(geocode({ lon: 55.45, lat: -20.9 })).toMatchObject({ via: 'coordinates' }); // La Réunion
  });

  it('detects swapped latitude/longitude, Lambert-93 metres in degree columns, and points outside France', () => {
    expect(geocode({ lon: 48.1173, lat: -1.6778 })).toEqual({ field: 'lat', reason: 'latitude et longitude semblent inversées (-1.6778, 48.1173 tomberait en France) : échangez les deux colonnes' });
    expect(geocode({ lon: 351000, lat: 6789000 })).toEqual({ field: 'lon', reason: '351000, 6789000 ressemblent à des mètres Lambert-93, pas à des degrés : associez ces colonnes à X/Y Lambert-93' });
    expect(geocode({ lon: 13.4, lat: 52.52 })).toEqual({ field: 'lon', reason: 'le point 13.4, 52.52 est hors de France (métropole et DROM)' });
    expect(geocode({ lon: NaN, lat: 48 })).toEqual({ field: 'lon', reason: "la coordonnée n'est pas un nombre" });
  });

  it('projects Lambert-93 X/Y to WGS84 and refuses metres outside France', () => {
    const loc = geocode({ x: 700_000, y: 6_600_000 });
    expect(loc).toMatchObject({ precision: 'coordinates', via: 'lambert93' });
    expect(geocode({ x: 10, y: 20 })).toMatchObject({ field: 'x', reason: expect.stringMatching(/ne sont pas des mètres Lambert-93/) });
  });

  it('asks for a location when none is given', () => {
    expect(geocode({})).toEqual({ field: 'insee', reason: 'aucune localisation : indiquez des coordonnées, un code commune ou un code postal' });
  });
});

describe('Lambert-93 and France bounds', () => {
  it('puts the projection origin (X 700,000, Y 6,600,000) at 3°E 46.5°N, by definition of RGF93 / Lambert-93', () => {
    const [lon, lat] = fromLambert93(700_000, 6_600_000);
    expect(lon).toBeCloseTo(3, 9);
    expect(lat).toBeCloseTo(46.5, 9);
  });

  it('agrees with PostGIS ST_Transform(point, 2154) within 5 cm on four communes (an independent implementation)', () => {
    const postgis = [
      { code: '29019', lon: -4.487507080579016, lat: 48.40881000000002, x: 146723.02939711104, y: 6838309.320978231 },
      { code: '2A004', lon: 8.683484659469032, lat: 41.93281500000002, x: 1171988.4523212898, y: 6109453.773144257 },
      { code: '35238', lon: -1.6814471002537932, lat: 48.11585500000001, x: 351826.9441755946, y: 6789822.315087395 },
      { code: '59350', lon: 3.0549939959845513, lat: 50.63081500000001, x: 703897.5822130445, y: 7059316.431183912 },
    ];
    for (const p of postgis) {
      const [lon, lat] = fromLambert93(p.x, p.y);
      const dxM = (lon - p.lon) * 111_320 * Math.cos((p.lat * Math.PI) / 180);
      const dyM = (lat - p.lat) * 110_570;
      expect(Math.hypot(dxM, dyM), p.code).toBeLessThan(0.05);
    }
  });

  it('covers metropolitan France, Corsica and the five DROM, not neighbours', () => {
    const inside = [[2.35, 48.85], [9.45, 42.7], [-61.5, 16.2], [-61.0, 14.6], [-52.3, 4.9], [55.5, -21.1], [45.2, -12.8]];
    const outside = [[13.4, 52.5], [-3.7, 40.4], [-0.1, 51.5]];
    expect(inside.map(([a, b]) => inFrance(a, b))).toEqual(inside.map(() => true));
    expect(outside.map(([a, b]) => inFrance(a, b))).toEqual(outside.map(() => false));
  });
});

describe('former codes of the national reference (decoupage-administratif, COG 2026)', () => {
  const communes = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as {
    code: string; nom: string; type: string; codesPostaux?: string[]; anciensCodes?: string[]; chefLieu?: string;
  }[];
  const current = communes.filter((c) => c.type === 'commune-actuelle');
  const history = [
    ...current.flatMap((c) => (c.anciensCodes ?? []).map((oldCode) => ({ oldCode, newCode: c.code }))),
    ...communes.filter((c) => c.type === 'commune-deleguee' || c.type === 'commune-associee').map((c) => ({ oldCode: c.code, newCode: c.chefLieu! })),
  ];
  const national = buildReference(current.map((c) => ({ code: c.code, name: c.nom, postcodes: c.codesPostaux ?? [], lon: 0, lat: 0 })), history);

  it('resolves every delegated or associated commune code to its chef-lieu, unless the code is still a current commune', () => {
    const delegated = communes.filter((c) => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && !national.communes.has(c.code));
    expect(delegated.length).toBeGreaterThan(1900);
    const wrong = delegated.filter((c) => {
      const loc = geocodeRow({ communeCode: c.code, fields: { communeCode: 'insee' } }, national);
      return !('via' in loc) || loc.via !== 'old_commune_code' || (national.formerCodes.get(c.code)!.length === 1 && loc.communeCode !== c.chefLieu);
    });
    expect(wrong.filter((c) => national.formerCodes.get(c.code)!.length === 1)).toEqual([]);
  });

  it('maps Annecy-le-Vieux (74011, commune déléguée since 2017) to Annecy', () => {
    expect(geocodeRow({ communeCode: '74011', fields: { communeCode: 'insee' } }, national)).toMatchObject({ communeCode: '74010', via: 'old_commune_code' });
    expect(national.communes.size).toBe(current.length);
  });
});
