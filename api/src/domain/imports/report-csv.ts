import { csvDocument, csvLines, type CsvColumn } from '../export/csv.js';
import { reportCsv } from '../../messages/imports.js';

export interface ReportCsvLine {
  sourceRow: number;
  key: string | null;
  field: string;
  reason: string;
  severity: string;
}

const COLUMNS: CsvColumn<ReportCsvLine>[] = [
  { header: reportCsv.headers.row, key: 'ligne', value: (r) => r.sourceRow },
  { header: reportCsv.headers.key, key: 'cle', value: (r) => r.key },
  { header: reportCsv.headers.field, key: 'champ', value: (r) => r.field },
  { header: reportCsv.headers.severity, key: 'gravite', value: (r) => reportCsv.severity[r.severity] ?? r.severity },
  { header: reportCsv.headers.reason, key: 'motif', value: (r) => r.reason },
];

/** The import's row report (rejected rows and warnings) as the shared French CSV: provenance lines, then one line per problem. */
export function importReportCsv(layer: { name: string; provenance: unknown }, lines: ReportCsvLine[], machineNames = false): string {
  const p = (layer.provenance ?? {}) as { fileName?: string; importedAt?: string };
  return csvDocument(csvLines({ provenance: [reportCsv.title(layer.name), reportCsv.file(p.fileName ?? '—', p.importedAt ?? '—')], columns: COLUMNS, rows: lines, machineNames }));
}
