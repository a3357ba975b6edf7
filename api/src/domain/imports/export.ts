/** CSV exports of a layer's aggregates: provenance first (as `# ` lines, like every Maillage export), then `;`-separated rows. */

export interface ExportLayer {
  name: string;
  synthetic: boolean;
  sourceNote: string;
  provenance: unknown;
}

export interface AggregateRow {
  code: string;
  name?: string | null;
  count: number;
  sum: number | null;
  mean: number | null;
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Lines that say where the numbers come from: layer, synthetic label, file, hash, import time. */
export function provenanceLines(layer: ExportLayer, generatedAt: Date): string[] {
  const p = (layer.provenance ?? {}) as { fileName?: string; sha256?: string; importedAt?: string; user?: string; generator?: string };
  return [
    `# Maillage — couche « ${layer.name} »${layer.synthetic ? ' — DONNÉES SYNTHÉTIQUES DE DÉMONSTRATION (fictives)' : ''}`,
    `# source : ${layer.sourceNote || '—'} ; fichier : ${p.fileName ?? '—'} ; sha256 : ${p.sha256 ?? '—'} ; importé le ${p.importedAt ?? '—'} par ${p.user ?? '—'}`,
    `# export du ${generatedAt.toISOString()}`,
  ];
}

/** One row per group (commune, département, région or zone): count, and sum and mean of the measure. */
export function aggregateCsv(layer: ExportLayer, level: string, measure: string | null, rows: AggregateRow[], generatedAt = new Date()): string {
  const header = [level, 'nom', 'nombre', `somme_${measure ?? ''}`, `moyenne_${measure ?? ''}`];
  const body = rows.map((r) => [r.code, r.name ?? '', r.count, measure ? r.sum : null, measure ? r.mean : null].map(cell).join(';'));
  return '\ufeff' + [...provenanceLines(layer, generatedAt), header.join(';'), ...body].join('\r\n') + '\r\n';
}
