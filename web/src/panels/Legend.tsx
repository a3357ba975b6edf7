import type { Indicator } from '../api/client';
import { classLabels, type ClassMethod } from '../lib/classify';
import { COLORS } from '../map/style';

interface Props {
  indicator: Indicator | null;
  breaks: number[];
  colors: string[];
  min: number | null;
  integer: boolean;
  missingCount: number;
  method: ClassMethod;
  onMethod(m: ClassMethod): void;
}

export function Legend({ indicator, breaks, colors, min, integer, missingCount, method, onMethod }: Props) {
  if (!indicator) return null;
  const labels = classLabels(breaks, min, integer, indicator.unit);
  return (
    <section className="panel legend" aria-label="Légende" data-testid="legend">
      <div className="legend-title">{indicator.label}</div>
      <div className="muted small">{indicator.unit}</div>
      <ul>
        {breaks.map((b, i) => (
          <li key={i}>
            <span className="swatch" style={{ background: colors[i] }} />
            {labels[i]}
          </li>
        ))}
        {missingCount > 0 && (
          <li>
            <span className="swatch" style={{ background: COLORS.noData }} />
            non disponible ({missingCount.toLocaleString('fr-FR')})
          </li>
        )}
      </ul>
      <div className="segmented" role="radiogroup" aria-label="Méthode de classes">
        {(['quantile', 'jenks'] as const).map((m) => (
          <button key={m} role="radio" aria-checked={method === m} className={method === m ? 'on' : ''} onClick={() => onMethod(m)}>
            {m === 'quantile' ? 'Quantiles' : 'Jenks'}
          </button>
        ))}
      </div>
      <div className="muted tiny" title={indicator.description}>Source : {indicator.source}</div>
    </section>
  );
}
