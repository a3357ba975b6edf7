/**
 * CSV export of a drive-time matrix through the one CSV writer (domain/export/csv.ts): provenance first, French
 * headings, one row per origin × destination pair, decimal comma unless `decimal: 'point'`. Pure: the route resolves names and times the computation.
 */
import type { LonLat, PointMatrix } from './network.js';
import { CSV_SEPARATOR as SEP, csvCell, csvDocument, csvRow, formatCsvNumber, provenanceCsvLines, type CsvOptions } from '../../export/csv.js';

/** A matrix point as the request gave it: coordinates (optionally named) or a commune. */
export type MatrixPointInput = LonLat | { communeCode: string } | { lon: number; lat: number; id?: string; name?: string };

/** How a point is written in the CSV: its code (commune code, caller's id, or "lon,lat") and name. */
export interface MatrixEndpoint {
  code: string;
  name: string;
}

/** The road network the times come from (the routing status fields the provenance lines name). */
export interface MatrixNetwork {
  source?: string;
  sourceDate?: string;
  licence?: string;
  attribution?: string;
  profile?: string;
}

export interface MatrixCsvInput {
  sources: MatrixEndpoint[];
  targets: MatrixEndpoint[];
  matrix: PointMatrix;
  network: MatrixNetwork;
  computedMs: number;
  generatedAt?: Date;
  /** Decimal comma (default) or point (`?decimal=point`). */
  options?: CsvOptions;
  /** A second heading row of stable machine names (`?machineNames=1`). */
  machineNames?: boolean;
}

/** Why a cell is empty, as a stable code (the CSV writes it in French, see UNREACHABLE_LABEL). */
export type UnreachableReason = 'origin_off_network' | 'destination_off_network' | 'no_route';

/** The reason a user reads in the « Raison » column. */
export const UNREACHABLE_LABEL: Record<UnreachableReason, string> = {
  origin_off_network: 'origine hors du réseau routier',
  destination_off_network: 'destination hors du réseau routier',
  no_route: 'aucun itinéraire',
};

/** The columns: French heading, stable machine name (second heading row with `?machineNames=1`). */
export const MATRIX_CSV_COLUMNS = [
  { header: 'Code origine', key: 'origin_code' },
  { header: 'Nom origine', key: 'origin_name' },
  { header: 'Code destination', key: 'destination_code' },
  { header: 'Nom destination', key: 'destination_name' },
  { header: 'Durée (min)', key: 'duration_min' },
  { header: 'Distance (km)', key: 'distance_km' },
  { header: 'Raison', key: 'reason' },
] as const;

/** The commune codes a request names (upper case, as stored), to look their names up. */
export function communeCodesOf(points: readonly MatrixPointInput[]): string[] {
  return [...new Set(points.flatMap((p) => (!Array.isArray(p) && 'communeCode' in p ? [p.communeCode.toUpperCase()] : [])))];
}

/** Labels each point: a commune by its code and name, coordinates by the caller's id/name or "lon,lat". */
export function matrixEndpoints(points: readonly MatrixPointInput[], communeNames: ReadonlyMap<string, string>): MatrixEndpoint[] {
  return points.map((p) => {
    if (Array.isArray(p)) return { code: `${p[0]},${p[1]}`, name: '' };
    if ('communeCode' in p) {
      const code = p.communeCode.toUpperCase();
      return { code, name: communeNames.get(code) ?? '' };
    }
    return { code: p.id ?? `${p.lon},${p.lat}`, name: p.name ?? '' };
  });
}

/** Why a pair has no time, or null when it has one (off-network points by index, as pointMatrix reports them). */
export function unreachableReason(durationSec: number | null, originOff: boolean, destinationOff: boolean): UnreachableReason | null {
  if (durationSec !== null) return null;
  if (originOff) return 'origin_off_network';
  if (destinationOff) return 'destination_off_network';
  return 'no_route';
}

/** Lines that say where the times come from: network source, date, licence and attribution, computation. */
export function matrixProvenanceLines(input: MatrixCsvInput): string[] {
  const { sources, targets, network, computedMs, generatedAt = new Date() } = input;
  const pairCount = sources.length * targets.length;
  return provenanceCsvLines([
    `Maillage — matrice des temps de trajet en voiture : ${sources.length} origines × ${targets.length} destinations (${pairCount} couples)`,
    `réseau routier : ${network.source ?? '—'} ; date : ${network.sourceDate ?? '—'} ; licence : ${network.licence ?? '—'} ; ${network.attribution ?? (network.licence === 'ODbL' ? '© les contributeurs OpenStreetMap (ODbL)' : '—')} ; profil : ${network.profile ?? '—'}`,
    `calculé le ${generatedAt.toISOString()} en ${Math.round(computedMs)} ms ; durées en minutes (1 décimale), distances en km (2 décimales)`,
    `cellules vides : la colonne « Raison » dit pourquoi (${Object.values(UNREACHABLE_LABEL).join(', ')})`,
  ]);
}

/**
 * The file line by line (without line ends): provenance, heading(s), n × m rows in origin-major order. A generator,
 * since 2,500 × 2,500 rows (≈ 0.5 GB of text) would not fit in one string: the route streams it.
 */
export function* matrixCsvLines(input: MatrixCsvInput): Generator<string> {
  const { sources, targets, matrix, options = {} } = input;
  const originOff = new Set(matrix.unsnappedSources);
  const destinationOff = new Set(matrix.unsnappedTargets);
  const endpointCells = (e: MatrixEndpoint) => `${csvCell(e.code, options)}${SEP}${csvCell(e.name, options)}`;
  const targetCells = targets.map(endpointCells);
  yield* matrixProvenanceLines(input);
  yield csvRow(MATRIX_CSV_COLUMNS.map((c) => c.header), options);
  if (input.machineNames) yield csvRow(MATRIX_CSV_COLUMNS.map((c) => c.key), options);
  for (let i = 0; i < sources.length; i++) {
    const origin = endpointCells(sources[i]);
    for (let j = 0; j < targets.length; j++) {
      const durationSec = matrix.durationSec[i][j];
      const distanceM = matrix.distanceM[i][j];
      const duration = durationSec === null ? '' : formatCsvNumber(Math.round(durationSec / 6) / 10, { ...options, maxDecimals: 1 });
      const distance = durationSec === null || distanceM === null ? '' : formatCsvNumber(Math.round(distanceM / 10) / 100, { ...options, maxDecimals: 2 });
      const reason = unreachableReason(durationSec, originOff.has(i), destinationOff.has(j));
      yield `${origin}${SEP}${targetCells[j]}${SEP}${duration}${SEP}${distance}${SEP}${reason ? csvCell(UNREACHABLE_LABEL[reason], options) : ''}`;
    }
  }
}

/** The whole file as one string: BOM (Excel reads UTF-8), lines joined by CRLF. For small matrices and tests. */
export function matrixCsv(input: MatrixCsvInput): string {
  return csvDocument(matrixCsvLines(input));
}
