/** French labels of the import report's codes (api/src/domain/imports/geocode.ts). */
export const LOCATED_VIA_LABEL: Record<string, string> = {
  coordinates: 'coordonnées', lambert93: 'Lambert-93', commune_code: 'code commune', old_commune_code: 'ancien code commune',
  postcode_city: 'code postal + ville', postcode: 'code postal (centroïde)',
};

export const PRECISION_LABEL: Record<string, string> = { coordinates: 'coordonnées', commune: 'centroïde de commune', postcode: 'centroïde de code postal' };

/** One line of the import report: a rejected row's error, or a kept row's warning. */
export interface ReportLine {
  row: number;
  key: string | null;
  field: string;
  reason: string;
}

/** The import report as the API sends it (200, or the `details.report` of a 422 when nothing was stored). */
export interface ImportReportData {
  stored?: boolean;
  onRowError?: 'keep' | 'abort';
  rowsRead: number;
  imported: number;
  valid?: number;
  rejected: number;
  warned?: number;
  byPrecision: Record<string, number>;
  byLocatedVia: Record<string, number>;
  duplicateKeys: { key: string; rows: number[] }[];
  rejects: { row: number; key: string | null; errors: { field: string; reason: string }[] }[];
  warnings?: ReportLine[];
}

/** A measure the preview proposes, typed: the API's own type. */
export type { SuggestedMeasure } from '../../../../api/src/domain/imports/suggest';

/** Rejects then warnings, by row, as the report table and its CSV list them. */
export function reportLines(report: ImportReportData): (ReportLine & { severity: 'error' | 'warning' })[] {
  const errors = report.rejects.flatMap((r) => r.errors.map((e) => ({ row: r.row, key: r.key, ...e, severity: 'error' as const })));
  const warnings = (report.warnings ?? []).map((w) => ({ ...w, severity: 'warning' as const }));
  return [...errors, ...warnings].sort((a, b) => a.row - b.row);
}

/** The report as a French CSV (`;`, BOM, CRLF) for a download made in the browser when nothing was stored. */
export function reportCsv(report: ImportReportData, headers: Record<'row' | 'key' | 'field' | 'severity' | 'reason', string>, severity: Record<string, string>): string {
  const cell = (v: unknown) => {
    let s = String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
    return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [[headers.row, headers.key, headers.field, headers.severity, headers.reason], ...reportLines(report).map((l) => [l.row, l.key, l.field, severity[l.severity], l.reason])];
  return '\ufeff' + lines.map((l) => l.map(cell).join(';')).join('\r\n') + '\r\n';
}
