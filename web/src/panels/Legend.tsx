import type { Indicator } from '../api/client';
import { classLabels, type ClassMethod } from '../lib/classify';
import { COLORS } from '../map/style';
import { HEX_RAMP, POINTS_MIN_ZOOM, hexagonLayerNames } from '../features/layers/customers';
import { categoriesOf, pointFields, pointStyleOf, pointStyleStore, setPointField, togglePointValue } from '../features/layers/point-style';
import { MAP_MESSAGES } from '../lib/messages/map';
import { DRAWN_OUTLINE, PMSI_OUTLINE, POINT_HALO, POINT_OUTLINE, rgbCss } from '../lib/palette';
import { healthStore } from '../features/health/state';
import { healthZoneStore } from '../features/health/zones-state';
import { layersStore } from '../features/layers/state';
import { workspace } from '../state/workspace';
import { INDICATOR_MESSAGES as T } from '../lib/messages/indicators';
import type { MapIndicator } from '../lib/indicator-groups';
import '../map/map.css';

const qualityFlags = (i: MapIndicator) => (['estimated', 'approximate', 'modelled', 'synthetic', 'computed'] as const).filter((q) => i[q] === true || i.quality === q);

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
  // A computed map (trade areas…) says why a commune has no value (out of reach), not « secret statistique ».
  const noData = (indicator as Indicator & { noData?: { label(n: string): string; title: string } }).noData;
  const labels = classLabels(breaks, min, integer, indicator.unit);
  // A categorical map (flow basins…) brings its own entries: a colour and a label each, no classes.
  const categories = (indicator as Indicator & { categories?: { color: string; label: string }[] }).categories;
  return (
    <section className="panel legend" aria-label="Légende" data-testid="legend">
      <div className="legend-title">
        {indicator.label}
        {qualityFlags(indicator).map((q) => (
          <span key={q} className={`badge quality ${q}`} title={T.qualityTitle[q]} data-testid="legend-quality">{T.quality[q]}</span>
        ))}
      </div>
      <div className="muted small">{indicator.unit}{indicator.year ? ` · ${indicator.year}` : ''}</div>
      <ul>
        {categories?.map((c, i) => (
          <li key={`c${i}`} data-testid="legend-category">
            <span className="swatch" style={{ background: c.color }} />
            {c.label}
          </li>
        ))}
        {breaks.map((b, i) => (
          <li key={i}>
            <span className="swatch" style={{ background: colors[i] }} />
            {labels[i]}
          </li>
        ))}
        {missingCount > 0 && (
          <li title={noData?.title ?? T.noDataTitle} data-testid="legend-no-data">
            <span className="swatch" style={{ background: COLORS.noData }} />
            {noData ? noData.label(missingCount.toLocaleString('fr-FR')) : T.noData(missingCount.toLocaleString('fr-FR'))}
          </li>
        )}
      </ul>
      {!categories && <div className="segmented" role="radiogroup" aria-label="Méthode de classes">
        {(['quantile', 'jenks'] as const).map((m) => (
          <button key={m} role="radio" aria-checked={method === m} className={method === m ? 'on' : ''} onClick={() => onMethod(m)}>
            {T.methods[m]}
          </button>
        ))}
      </div>}
      <div className="muted tiny" title={indicator.description}>{T.source(indicator.source, indicator.year)}</div>
      <HexagonLegend />
      <PointsLegend />
      <OutlinesLegend />
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
      <div className="legend-title small">{T.hexagonTitle}</div>
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

/**
 * From zoom 8, where accounts are drawn one by one: per shown layer, the field they are coloured by (a select)
 * and one entry per value with its colour and count; clicking an entry hides or shows those points (a filter).
 */
function PointsLegend() {
  const layers = layersStore.use((s) => s.layers);
  const features = layersStore.use((s) => s.features);
  const zoom = workspace.use((s) => s.view?.zoom ?? null);
  pointStyleStore.use((s) => s.byLayer); // re-render when a field or filter changes
  if (!layers || zoom === null || zoom < POINTS_MIN_ZOOM) return null;
  const shown = layers.filter((l) => !l.hidden && features[l.id]?.length);
  if (!shown.length) return null;
  return (
    <div className="points-legend" data-testid="points-legend">
      <div className="legend-title small">{MAP_MESSAGES.pointsTitle}</div>
      {shown.map((l) => {
        const style = pointStyleOf(l.id);
        const { categories } = categoriesOf(features[l.id], style.field);
        const fields = pointFields(l.measures as { name: string; type: string; unit?: string }[]);
        return (
          <div key={l.id} className="points-legend-layer" data-testid="points-legend-layer">
            <label className="small">
              <span className="muted tiny">
                {l.name}
                {l.synthetic ? ` (${MAP_MESSAGES.synthetic})` : ''} · {MAP_MESSAGES.pointsColourBy}
              </span>
              <select value={style.field} onChange={(e) => setPointField(l.id, e.target.value)} aria-label={`${MAP_MESSAGES.pointsColourBy} — ${l.name}`}>
                {fields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <ul className="points-values">
              {categories.slice(0, 9).map((c, i) => {
                const hidden = style.hidden.includes(c.value);
                // past the palette, the remaining values share the "autres" colour: one entry for them
                const other = i === 8 && categories.length > 9;
                return (
                  <li key={c.value}>
                    <button
                      className={`legend-value${hidden ? ' off' : ''}`}
                      aria-pressed={!hidden}
                      title={MAP_MESSAGES.pointsToggle(c.label, !hidden)}
                      onClick={() => togglePointValue(l.id, c.value)}
                      disabled={other}
                    >
                      <span className="swatch point" style={{ background: rgbCss(c.color), borderColor: rgbCss(POINT_OUTLINE), boxShadow: `0 0 0 2px ${rgbCss(POINT_HALO)}` }} />
                      {other ? `${MAP_MESSAGES.pointsOther} (${(categories.length - 8).toLocaleString('fr-FR')})` : c.label}
                      <span className="muted tiny"> {c.count.toLocaleString('fr-FR')}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {style.hidden.length > 0 && <div className="muted tiny">{MAP_MESSAGES.pointsHiddenCount(style.hidden.length)}</div>}
          </div>
        );
      })}
    </div>
  );
}

/** Which line is which, once lines other than the administrative borders are drawn (PMSI codes géo, a drawn polygon). */
function OutlinesLegend() {
  const pmsi = healthStore.use((s) => s.zones !== null);
  const drawn = healthZoneStore.use((s) => s.polygon !== null);
  if (!pmsi && !drawn) return null;
  const line = (color: string, width: number, halo: boolean) => (
    <span className="swatch line" style={{ borderTop: `${width}px solid ${color}`, boxShadow: halo ? `0 0 0 1.5px ${rgbCss(POINT_HALO)}` : undefined }} />
  );
  return (
    <div className="outlines-legend" data-testid="outlines-legend">
      <div className="legend-title small">{MAP_MESSAGES.outlinesTitle}</div>
      <ul>
        <li>{line(COLORS.communeLine, 1, false)}{MAP_MESSAGES.outlineCommune}</li>
        <li>{line(COLORS.departementLine, 1.5, false)}{MAP_MESSAGES.outlineDepartement}</li>
        {pmsi && <li data-testid="legend-pmsi">{line(rgbCss(PMSI_OUTLINE), 2, true)}{MAP_MESSAGES.outlinePmsi}</li>}
        {drawn && <li>{line(rgbCss(DRAWN_OUTLINE), 2, true)}{MAP_MESSAGES.outlineDrawn}</li>}
      </ul>
    </div>
  );
}
