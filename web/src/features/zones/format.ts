import type { ZoneSummary } from './types';
import { ZONE_KIND_LABELS } from '../../lib/messages/zones';

const nf = (digits: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A figure in French format with sensible decimals for its size (null: an em dash, never 0). */
export function formatFigure(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const n = nf(digits).format(value);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

export const formatShare = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', year: 'numeric' });

/** "Polygone dessiné", "Département 78", "Isochrone 20 min"… from the zone's kind and method parameters. */
export function methodLabel(z: Pick<ZoneSummary, 'kind' | 'method'>): string {
  const m = z.method ?? {};
  const type = String(m.type ?? '');
  if (z.kind === 'admin' && m.level) return `${{ departement: 'Département', region: 'Région', epci: 'EPCI' }[String(m.level)] ?? m.level} ${m.code ?? ''}`.trim();
  if (type === 'polygon') return m.repaired ? 'Polygone dessiné (réparé)' : 'Polygone dessiné';
  if (type === 'isochrone') return `Isochrone ≤ ${String(m.breakMin ?? m.maxMin ?? '').replace('.', ',')} min`;
  if (type === 'codes' || z.kind === 'list') return 'Liste de codes';
  if (type === 'import' || z.kind === 'import') return m.fileName ? `Import ${m.fileName}` : 'Fichier importé';
  if (type === 'duplicate') return 'Copie';
  return ZONE_KIND_LABELS[z.kind] ?? z.kind;
}
