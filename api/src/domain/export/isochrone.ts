/**
 * Isochrone exports: the bands as GeoJSON (QGIS: French property names, provenance in every feature and at the
 * top) and the communes inside as CSV (the one CSV writer), each commune with its own drive time and band. Pure.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { csvLines, type CsvColumn, type CsvOptions } from './csv.js';

export interface IsochroneExportNetwork {
  source?: string;
  sourceDate?: string;
  licence?: string;
  attribution?: string;
  profile?: string;
}

export interface IsochroneExportCommune {
  code: string;
  name: string;
  departementCode: string;
  departementName: string;
  populationCount: number;
  durationSec: number;
}

export interface IsochroneExportBand {
  breakSec: number;
  communeCount: number;
  populationCount: number;
  customerCount?: number;
  healthSiteCount?: number;
}

export interface IsochroneExportInput {
  /** What the user picked as origin ("Mende (48)", "3,5 ; 44,5"). */
  originLabel: string;
  origin: { lon: number; lat: number };
  breaksSec: readonly number[];
  bands: readonly IsochroneExportBand[];
  /** Display polygons of the bands (properties.breakSec says which). */
  polygons: FeatureCollection<Geometry, { breakSec: number }> | null;
  communes: readonly IsochroneExportCommune[];
  network: IsochroneExportNetwork;
  /** How a commune's time is measured, as the panel states it (a sentence: "Temps d’une commune : …"). */
  communeTimeRule: string;
  generatedAt?: Date;
}

/** Minutes with one decimal, rounded UP (like the panel): a commune written "10" is always in the "≤ 10 min" band. */
const minutesUp = (sec: number) => Math.max(0, Math.ceil(sec / 6 - 1e-9)) / 10;
const minutesOf = (sec: number) => Math.round(sec / 6) / 10;
const bandLabel = (breakSec: number) => `≤ ${minutesOf(breakSec).toLocaleString('fr-FR')} min`;

/** The band a drive time falls in: the smallest break at or above it ("≤ 10 min"), or null beyond the last. */
export function bandOf(durationSec: number, breaksSec: readonly number[]): number | null {
  const sorted = [...breaksSec].sort((a, b) => a - b);
  return sorted.find((b) => durationSec <= b) ?? null;
}

/** The provenance lines of both files, in French. */
export function isochroneProvenance(input: IsochroneExportInput): string[] {
  const { network: n, generatedAt = new Date() } = input;
  return [
    `Maillage — zone de temps de trajet en voiture depuis ${input.originLabel} (${input.origin.lon.toFixed(5)}, ${input.origin.lat.toFixed(5)}) ; bandes ${input.breaksSec.map(bandLabel).join(', ')}`,
    `réseau routier : ${n.source ?? '—'} ; date : ${n.sourceDate ?? '—'} ; licence : ${n.licence ?? '—'} ; ${n.attribution ?? (n.licence === 'ODbL' ? '© les contributeurs OpenStreetMap (ODbL)' : '—')} ; profil : ${n.profile ?? '—'}`,
    input.communeTimeRule,
    `population : INSEE, populations légales ; calculé le ${generatedAt.toISOString()}`,
  ];
}

/** The bands as a GeoJSON FeatureCollection, largest first (so the smaller draw on top), French properties. */
export function isochroneGeoJson(input: IsochroneExportInput) {
  const provenance = isochroneProvenance(input);
  const byBreak = new Map(input.bands.map((b) => [b.breakSec, b]));
  const features: Feature<Geometry, Record<string, unknown>>[] = (input.polygons?.features ?? [])
    .slice()
    .sort((a, b) => b.properties.breakSec - a.properties.breakSec)
    .map((f) => {
      const band = byBreak.get(f.properties.breakSec);
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          bande: bandLabel(f.properties.breakSec),
          duree_max_min: minutesOf(f.properties.breakSec),
          nombre_communes: band?.communeCount ?? null,
          population: band?.populationCount ?? null,
          nombre_clients: band?.customerCount ?? null,
          nombre_sites_sante: band?.healthSiteCount ?? null,
          origine: input.originLabel,
          source: provenance.join(' | '),
        },
      };
    });
  return { type: 'FeatureCollection' as const, name: `isochrone ${input.originLabel}`, provenance, features };
}

type Row = IsochroneExportCommune & { breakSec: number | null };

const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Code commune', key: 'commune_code', value: (r) => r.code },
  { header: 'Nom', key: 'commune_name', value: (r) => r.name },
  { header: 'Code département', key: 'departement_code', value: (r) => r.departementCode },
  { header: 'Département', key: 'departement_name', value: (r) => r.departementName },
  { header: 'Durée (min)', key: 'duration_min', value: (r) => minutesUp(r.durationSec) },
  { header: 'Bande', key: 'band', value: (r) => (r.breakSec === null ? '' : bandLabel(r.breakSec)) },
  { header: 'Population', key: 'population_count', value: (r) => r.populationCount },
];

/** The communes inside, nearest first: code, nom, département, durée (min), bande, population. */
export function isochroneCommunesCsvLines(input: IsochroneExportInput, options: CsvOptions = {}, machineNames = false): Generator<string> {
  const rows: Row[] = [...input.communes]
    .sort((a, b) => a.durationSec - b.durationSec || a.code.localeCompare(b.code))
    .map((c) => ({ ...c, breakSec: bandOf(c.durationSec, input.breaksSec) }));
  return csvLines({ provenance: isochroneProvenance(input), columns: COLUMNS, rows, machineNames, options: { ...options, maxDecimals: 1 } });
}
