import type { Indicator } from '../api/client';
import { classLabels, type ClassMethod } from '../lib/classify';
import { COLORS } from '../map/style';
import { HEX_RAMP, hexagonLayerNames } from '../layers/customers';
import { layersStore } from '../state/layers';
import { workspace } from '../state/workspace';

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
      <HexagonLegend />
    </section>
  );
}

/** What the purple hexagons are: the shown data layers counted per hexagon while zoomed out. */
function HexagonLegend() {
  const layers = layersStore.use((s) => s.layers);
  const features = layersStore.use((s) => s.features);
  const zoom = workspace.use((s) => s.view?.zoom ?? null);
  const shown = hexagonLayerNames(layers, features, zoom);
  if (!shown.length) return null;
  return (
    <div className="hex-legend" data-testid="hexagon-legend">
      <div className="legend-title small">Points par hexagone</div>
      <div className="hex-ramp" aria-hidden="true">
        {HEX_RAMP.map((c) => (
          <span key={c.join()} style={{ background: `rgb(${c.join(',')})` }} />
        ))}
      </div>
      <div className="muted tiny">
        peu → beaucoup (quantiles) · {shown.map((l) => `${l.name}${l.synthetic ? ' (synthétique)' : ''}`).join(', ')} · points un par un à partir du zoom 8
      </div>
    </div>
  );
}
