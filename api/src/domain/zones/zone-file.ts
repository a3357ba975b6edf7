import Papa from 'papaparse';
import { normalizeSearchText } from '../territory/search-text.js';

/** A row-level problem in an imported zone file (French reason; row = line of the file, or feature number). */
export interface ZoneFileError {
  row: number;
  field: string;
  reason: string;
}

export interface ZoneFileEntry {
  row: number;
  zone: string;
  /** Commune inputs (codes, former codes, postcodes or names) — CSV rows, or a GeoJSON feature's `communeCodes`. */
  inputs?: string[];
  /** File line of each input (CSV), for row-level errors. */
  inputRows?: number[];
  weights?: number[];
  /** A GeoJSON feature's polygon, when it carries no commune list. */
  polygon?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface ParsedZoneFile {
  format: 'csv' | 'geojson';
  entries: ZoneFileEntry[];
  errors: ZoneFileError[];
}

const CODE_HEADER = /^(code(_?commune|_?insee|geo)?|insee|codgeo|depcom|com|commune)$/;
const ZONE_HEADER = /^(zone|nom(_?zone)?|name|secteur|sector|territoire|libelle|label)$/;
const headerKey = (s: string) => normalizeSearchText(s).replace(/ /g, '_');

/** Reads a zone file: GeoJSON when it parses as a FeatureCollection, else CSV `code_commune;zone` (`;` or `,`). */
export function parseZoneFile(text: string, fileName = ''): ParsedZoneFile {
  const t = text.replace(/^\ufeff/, '');
  if (/\.(geo)?json$/i.test(fileName) || /^\s*\{/.test(t)) return parseZoneGeojson(t);
  return parseZoneCsv(t);
}

/**
 * CSV of `code commune ; zone name` rows. Header names are flexible (code_commune/insee/codgeo…,
 * zone/secteur/nom…); without a recognisable header, the first column is the code, the second the zone.
 */
export function parseZoneCsv(text: string): ParsedZoneFile {
  const delimiter = (text.split(/\r?\n/, 1)[0].match(/;/g)?.length ?? 0) > 0 ? ';' : ',';
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' }).data;
  const errors: ZoneFileError[] = [];
  const entries: ZoneFileEntry[] = [];
  if (!rows.length) return { format: 'csv', entries, errors: [{ row: 1, field: 'fichier', reason: 'Le fichier est vide : une ligne par commune, « code_commune;zone ».' }] };
  const header = rows[0].map(headerKey);
  let codeCol = header.findIndex((h) => CODE_HEADER.test(h));
  let zoneCol = header.findIndex((h, i) => i !== codeCol && ZONE_HEADER.test(h));
  const hasHeader = codeCol >= 0 || zoneCol >= 0;
  if (codeCol < 0) codeCol = zoneCol === 0 ? 1 : 0;
  if (zoneCol < 0) zoneCol = codeCol === 0 ? 1 : 0;
  const byZone = new Map<string, ZoneFileEntry>();
  rows.forEach((cells, i) => {
    if (i === 0 && hasHeader) return;
    const row = i + 1;
    const code = (cells[codeCol] ?? '').trim();
    const zone = (cells[zoneCol] ?? '').trim();
    if (!code) errors.push({ row, field: 'code_commune', reason: 'Code commune manquant.' });
    if (!zone) errors.push({ row, field: 'zone', reason: 'Nom de zone manquant.' });
    else if (zone.length > 200) errors.push({ row, field: 'zone', reason: 'Nom de zone trop long (200 caractères au plus).' });
    if (!code || !zone || zone.length > 200) return;
    const e = byZone.get(zone) ?? { row, zone, inputs: [], inputRows: [] };
    e.inputs!.push(code);
    e.inputRows!.push(row);
    byZone.set(zone, e);
  });
  entries.push(...byZone.values());
  if (!entries.length && !errors.length) errors.push({ row: 1, field: 'fichier', reason: 'Aucune ligne de données : une ligne par commune, « code_commune;zone ».' });
  return { format: 'csv', entries, errors };
}

const NAME_PROPS = ['name', 'nom', 'zone', 'NOM', 'Name', 'libelle', 'label', 'secteur'];

/** GeoJSON FeatureCollection: one zone per feature, named by a name/nom/zone property; a `communeCodes` list (our exports) wins over the polygon. */
export function parseZoneGeojson(text: string): ParsedZoneFile {
  const errors: ZoneFileError[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { format: 'geojson', entries: [], errors: [{ row: 1, field: 'fichier', reason: 'GeoJSON illisible : vérifiez que le fichier est un JSON valide (FeatureCollection).' }] };
  }
  const fc = doc as { type?: string; features?: unknown[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { format: 'geojson', entries: [], errors: [{ row: 1, field: 'fichier', reason: 'Le GeoJSON doit être une FeatureCollection de polygones.' }] };
  }
  const entries: ZoneFileEntry[] = [];
  fc.features.forEach((raw, i) => {
    const row = i + 1;
    const f = raw as { properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null };
    const props = f?.properties ?? {};
    const nameKey = NAME_PROPS.find((k) => typeof props[k] === 'string' && (props[k] as string).trim());
    const zone = nameKey ? (props[nameKey] as string).trim() : '';
    if (!zone) errors.push({ row, field: 'name', reason: 'Entité sans nom : ajoutez une propriété « name » (ou « nom », « zone »).' });
    const codes = Array.isArray(props.communeCodes) && props.communeCodes.every((c) => typeof c === 'string') ? (props.communeCodes as string[]) : null;
    const weights = Array.isArray(props.communeWeights) && props.communeWeights.length === codes?.length ? (props.communeWeights as number[]) : undefined;
    const g = f?.geometry;
    const polygonal = g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
    if (!codes && !polygonal) errors.push({ row, field: 'geometry', reason: `Géométrie ${g?.type ?? 'absente'} : seuls les polygones (Polygon, MultiPolygon) définissent une zone.` });
    if (!zone || (!codes && !polygonal)) return;
    entries.push(codes ? { row, zone, inputs: codes, weights } : { row, zone, polygon: g as GeoJSON.Polygon | GeoJSON.MultiPolygon });
  });
  if (!fc.features.length) errors.push({ row: 1, field: 'fichier', reason: 'La FeatureCollection ne contient aucune entité.' });
  return { format: 'geojson', entries, errors };
}
