/**
 * CSV exports of a layer's aggregates through the one CSV writer (domain/export/csv.ts): provenance first (`# `
 * lines in French), French headings (optional machine-name row), decimal comma unless `decimal: 'point'`.
 */
import { csvDocument, csvLines, type CsvColumn, type CsvOptions } from '../export/csv.js';

export interface ExportLayer {
  name: string;
  synthetic: boolean;
  sourceNote: string;
  provenance: unknown;
  /** The layer's measures (name, optional French label and unit), for the headings. */
  measures?: unknown;
}

export interface AggregateRow {
  code: string;
  name?: string | null;
  count: number;
  sum: number | null;
  mean: number | null;
}

export interface AggregateCsvOptions extends CsvOptions {
  machineNames?: boolean;
  generatedAt?: Date;
}

const LEVEL_HEADER: Record<string, string> = { commune: 'Code commune', departement: 'Code département', region: 'Code région', zone: 'Zone' };

/** Lines that say where the numbers come from: layer, synthetic label, file, hash, import time (without the `# `). */
export function provenanceLines(layer: ExportLayer, generatedAt: Date): string[] {
  const p = (layer.provenance ?? {}) as { fileName?: string; sha256?: string; importedAt?: string; user?: string; generator?: string };
  return [
    `Maillage — couche « ${layer.name} »${layer.synthetic ? ' — DONNÉES SYNTHÉTIQUES DE DÉMONSTRATION (fictives)' : ''}`,
    `source : ${layer.sourceNote || '—'} ; fichier : ${p.fileName ?? '—'} ; sha256 : ${p.sha256 ?? '—'} ; importé le ${p.importedAt ?? '—'} par ${p.user ?? '—'}`,
    `export du ${generatedAt.toISOString()}`,
  ];
}

/** The measure as a reader names it: its label and unit when the layer gives them ("CA (€)"), else its name. */
function measureWords(layer: ExportLayer, measure: string): string {
  const list = Array.isArray(layer.measures) ? (layer.measures as { name?: string; label?: string; unit?: string }[]) : [];
  const m = list.find((x) => x.name === measure);
  const label = m?.label || measure;
  return m?.unit && !label.includes(`(${m.unit})`) ? `${label} (${m.unit})` : label;
}

/** One row per group (commune, département, région or zone): count, and sum and mean of the measure. */
export function aggregateCsv(layer: ExportLayer, level: string, measure: string | null, rows: AggregateRow[], options: AggregateCsvOptions = {}): string {
  const words = measure ? measureWords(layer, measure) : null;
  const columns: CsvColumn<AggregateRow>[] = [
    { header: LEVEL_HEADER[level] ?? level, key: `${level}_code`, value: (r) => r.code },
    { header: 'Nom', key: 'name', value: (r) => r.name ?? '' },
    { header: 'Nombre', key: 'count', value: (r) => r.count },
    ...(measure
      ? [
          { header: `Somme de ${words}`, key: `sum_${measure}`, value: (r: AggregateRow) => r.sum },
          { header: `Moyenne de ${words}`, key: `mean_${measure}`, value: (r: AggregateRow) => r.mean },
        ]
      : []),
  ];
  const { machineNames, generatedAt = new Date(), ...csv } = options;
  return csvDocument(csvLines({ provenance: provenanceLines(layer, generatedAt), columns, rows, machineNames, options: csv }));
}
