/**
 * The zone-indicator export of the health module (stays by establishment, market shares, leakage and autarky of a set
 * of PMSI codes géo) through the one CSV writer: French headings and provenance, the flows' nature on every row.
 */
import { csvDocument, csvLines, formatCsvNumber, type CsvColumn, type CsvOptions } from './csv.js';

export interface HealthZoneDataset {
  id: string;
  label: string;
  synthetic: boolean;
  year: number;
}

export interface HealthZoneEstablishment {
  finess: string;
  name: string | null;
  inside: boolean;
  staysCount: number;
  shareRatio: number;
}

export interface HealthZoneCsvInput {
  dataset: HealthZoneDataset;
  zoneCodes: readonly string[];
  residentStaysCount: number;
  insideStaysCount: number;
  autarkyRatio: number;
  leakageRatio: number;
  attractionRatio: number;
  byEstablishment: readonly HealthZoneEstablishment[];
  generatedAt?: Date;
}

const pct = (ratio: number, options: CsvOptions) => `${formatCsvNumber(ratio * 100, { ...options, maxDecimals: 2 })} %`;

/** The flows' nature in words (first line and every row, so it survives any cut of the file). */
export const flowNature = (synthetic: boolean) => (synthetic ? 'modélisés, non observés' : 'observés');

export function healthZoneCsv(input: HealthZoneCsvInput, options: CsvOptions = {}, machineNames = false): string {
  const { dataset } = input;
  const nature = flowNature(dataset.synthetic);
  const provenance = [
    `Maillage — indicateurs de zone (santé) — flux ${nature.toUpperCase()} : ${dataset.label}`,
    `jeu de flux ${dataset.id} (${dataset.year}) ; zone de ${input.zoneCodes.length} codes géo PMSI : ${input.zoneCodes.join(' ')}`,
    `séjours des résidents : ${input.residentStaysCount} ; séjours dans la zone : ${input.insideStaysCount} ; autarcie : ${pct(input.autarkyRatio, options)} ; fuite : ${pct(input.leakageRatio, options)} ; attractivité : ${pct(input.attractionRatio, options)}`,
    `export du ${(input.generatedAt ?? new Date()).toISOString()}`,
  ];
  const columns: CsvColumn<HealthZoneEstablishment>[] = [
    { header: 'FINESS', key: 'finess', value: (e) => e.finess },
    { header: 'Établissement', key: 'name', value: (e) => e.name ?? '' },
    { header: 'Dans la zone', key: 'inside', value: (e) => e.inside },
    { header: 'Séjours des résidents', key: 'stays_count', value: (e) => e.staysCount },
    { header: 'Part de marché (%)', key: 'share_pct', value: (e) => Math.round(e.shareRatio * 1e6) / 1e4 },
    { header: 'Flux', key: 'flows', value: () => nature },
  ];
  return csvDocument(csvLines({ provenance, columns, rows: input.byEstablishment, machineNames, options }));
}
