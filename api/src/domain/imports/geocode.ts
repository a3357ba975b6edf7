import proj4 from 'proj4';
import { normalizeSearchText } from '../territory/search-text.js';
import { notes, reasons } from '../../messages/imports.js';

/** The commune reference the geocoder works from (built from the communes table; pure data). */
export interface CommuneRef {
  code: string;
  name: string;
  postcodes: string[];
  lon: number | null;
  lat: number | null;
}

export interface GeocodeReference {
  communes: Map<string, CommuneRef>;
  /** Former (merged, delegated) code → current code(s). */
  formerCodes: Map<string, string[]>;
  byPostcode: Map<string, CommuneRef[]>;
  byName: Map<string, CommuneRef[]>;
}

export function buildReference(communes: CommuneRef[], history: { oldCode: string; newCode: string }[]): GeocodeReference {
  const ref: GeocodeReference = { communes: new Map(), formerCodes: new Map(), byPostcode: new Map(), byName: new Map() };
  for (const c of communes) {
    ref.communes.set(c.code, c);
    for (const p of c.postcodes) ref.byPostcode.set(p, [...(ref.byPostcode.get(p) ?? []), c]);
    const n = normalizeSearchText(c.name);
    ref.byName.set(n, [...(ref.byName.get(n) ?? []), c]);
  }
  for (const h of history) {
    if (ref.communes.has(h.oldCode)) continue; // a code reused by a current commune means that commune
    const to = ref.formerCodes.get(h.oldCode) ?? [];
    if (!to.includes(h.newCode)) ref.formerCodes.set(h.oldCode, [...to, h.newCode]); // a code listed twice is not a split
  }
  return ref;
}

export type Precision = 'coordinates' | 'commune' | 'postcode';
export type LocatedVia = 'coordinates' | 'lambert93' | 'commune_code' | 'old_commune_code' | 'postcode_city' | 'postcode';

export interface Location {
  lon: number;
  lat: number;
  /** Known for commune/postcode locations; for coordinates it is found later by a spatial join. */
  communeCode: string | null;
  precision: Precision;
  via: LocatedVia;
  note?: string;
  /** Problems that do not reject the row (a commune code whose postcode/city say another commune). */
  warnings?: FieldError[];
}

export interface FieldError {
  field: string;
  reason: string;
}

/** Metropolitan France and the five DROM, generous boxes (WGS84). */
const FRANCE_BOXES: [number, number, number, number][] = [
  [-5.5, 41.2, 9.9, 51.2],
  [-61.9, 15.8, -60.9, 16.6],
  [-61.3, 14.35, -60.75, 14.95],
  [-54.7, 2.1, -51.5, 5.9],
  [55.2, -21.45, 55.9, -20.85],
  [44.95, -13.05, 45.35, -12.6],
];
export const inFrance = (lon: number, lat: number) => FRANCE_BOXES.some(([w, s, e, n]) => lon >= w && lon <= e && lat >= s && lat <= n);
const looksLambert93 = (x: number, y: number) => x >= 50_000 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000;

proj4.defs('EPSG:2154', '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');

/** Lambert-93 metres → [lon, lat] WGS84. */
export function fromLambert93(x: number, y: number): [number, number] {
  const [lon, lat] = proj4('EPSG:2154', 'EPSG:4326', [x, y]);
  return [lon, lat];
}

export interface GeocodeInput {
  lon?: number | null;
  lat?: number | null;
  x?: number | null;
  y?: number | null;
  communeCode?: string | null;
  postcode?: string | null;
  city?: string | null;
  /** Field names as mapped, for error messages. */
  fields: { lon?: string; lat?: string; x?: string; y?: string; communeCode?: string; postcode?: string; city?: string };
}

/** Locates one row: coordinates first, then commune code (current or former), then postcode (+ city). */
export function geocodeRow(input: GeocodeInput, ref: GeocodeReference): Location | FieldError {
  const { fields } = input;
  if (input.lon !== null && input.lon !== undefined && input.lat !== null && input.lat !== undefined) {
    const { lon, lat } = input;
    if (Number.isNaN(lon) || Number.isNaN(lat)) return { field: Number.isNaN(lon) ? fields.lon! : fields.lat!, reason: reasons.coordinateNotANumber };
    if (looksLambert93(lon, lat) || looksLambert93(lat, lon)) {
      return { field: fields.lon!, reason: reasons.looksLambert93(lon, lat) };
    }
    if (inFrance(lon, lat)) return { lon, lat, communeCode: null, precision: 'coordinates', via: 'coordinates' };
    if (inFrance(lat, lon)) return { field: fields.lat!, reason: reasons.swapped(lat, lon) };
    return { field: fields.lon!, reason: reasons.outsideFrance(lon, lat) };
  }
  if (input.x !== null && input.x !== undefined && input.y !== null && input.y !== undefined) {
    if (Number.isNaN(input.x) || Number.isNaN(input.y)) return { field: Number.isNaN(input.x) ? fields.x! : fields.y!, reason: reasons.coordinateNotANumber };
    if (!looksLambert93(input.x, input.y)) return { field: fields.x!, reason: reasons.notLambert93(input.x, input.y) };
    const [lon, lat] = fromLambert93(input.x, input.y);
    return { lon, lat, communeCode: null, precision: 'coordinates', via: 'lambert93' };
  }
  if (input.communeCode) {
    const code = input.communeCode;
    const current = ref.communes.get(code);
    if (current) return checkAddress(communeLocation(current, 'commune_code', fields.communeCode!), current, input);
    const replaced = ref.formerCodes.get(code);
    if (replaced?.length === 1) {
      const c = ref.communes.get(replaced[0])!;
      const loc = communeLocation(c, 'old_commune_code', fields.communeCode!);
      if ('lon' in loc) loc.note = notes.formerCode(code, c.code, c.name);
      return checkAddress(loc, c, input);
    }
    if (replaced && replaced.length > 1) return { field: fields.communeCode!, reason: reasons.formerCodeSplit(code, replaced) };
    return { field: fields.communeCode!, reason: reasons.unknownCommuneCode(code) };
  }
  if (input.postcode) {
    const candidates = ref.byPostcode.get(input.postcode);
    if (!candidates) return { field: fields.postcode!, reason: reasons.unknownPostcode(input.postcode) };
    if (input.city) {
      const city = normalizeSearchText(input.city);
      const match = candidates.filter((c) => normalizeSearchText(c.name) === city) ?? [];
      const loose = match.length ? match : candidates.filter((c) => normalizeSearchText(c.name).startsWith(city) || city.startsWith(normalizeSearchText(c.name)));
      if (loose.length === 1) return communeLocation(loose[0], 'postcode_city', fields.city!);
      return {
        field: fields.city!,
        reason: reasons.postcodeCityMismatch(input.postcode, input.city, candidates.map((c) => c.name)),
      };
    }
    if (candidates.length === 1) return communeLocation(candidates[0], 'postcode', fields.postcode!);
    const pts = candidates.filter((c) => c.lon !== null);
    if (!pts.length) return { field: fields.postcode!, reason: reasons.postcodeNotLocated(input.postcode) };
    return {
      lon: pts.reduce((s, c) => s + c.lon!, 0) / pts.length,
      lat: pts.reduce((s, c) => s + c.lat!, 0) / pts.length,
      communeCode: null,
      precision: 'postcode',
      via: 'postcode',
      note: notes.postcodeCentroid(candidates.length),
    };
  }
  return { field: fields.communeCode ?? fields.postcode ?? fields.lon ?? 'localisation', reason: reasons.noLocation };
}

function communeLocation(c: CommuneRef, via: LocatedVia, field: string): Location | FieldError {
  if (c.lon === null || c.lat === null) return { field, reason: reasons.communeNotLocated(c.code, c.name) };
  return { lon: c.lon, lat: c.lat, communeCode: c.code, precision: 'commune', via };
}

const sameCommuneName = (city: string, c: CommuneRef) => {
  const given = normalizeSearchText(city);
  const name = normalizeSearchText(c.name);
  // "Paris 11e", "Lyon 3eme", "Saint-Malo Cedex": a longer form of the commune's name is the same commune.
  return given === name || given.startsWith(`${name} `) || name.startsWith(`${given} `);
};

/**
 * A row located by its commune code may also carry a postcode and a city: when they say another commune
 * (code 35238 Rennes with "29200 Brest"), the code wins — it is the more reliable field — but the row is flagged.
 */
function checkAddress(loc: Location | FieldError, c: CommuneRef, input: GeocodeInput): Location | FieldError {
  if (!('lon' in loc)) return loc;
  const postcode = input.postcode ?? null;
  const city = input.city ?? null;
  const postcodeOff = postcode !== null && c.postcodes.length > 0 && !c.postcodes.includes(postcode);
  const cityOff = city !== null && !sameCommuneName(city, c);
  if (!postcodeOff && !cityOff) return loc;
  const given = [postcode, city].filter(Boolean).join(' ');
  const field = postcodeOff ? input.fields.postcode! : input.fields.city!;
  return { ...loc, warnings: [{ field, reason: reasons.codeAddressMismatch(given, c.code, c.name, c.postcodes) }] };
}
