import { M } from '../../lib/messages/zones';
import { AgeOverlay, CompareBars } from './charts';
import { closeCompare, exportComparison, setZones } from './actions';
import { formatFigure } from './format';
import { rgb, zoneColor } from './colors';
import { ExportButtons, QualityBadge } from './ProfileSheet';
import { zonesStore } from './slice';
import { ReferencePicker } from './ReferencePicker';

/** Comparison of 2–6 zones in the bottom drawer: table (value, index, coverage), bars per indicator, ages overlaid. */
export function CompareDrawer() {
  const { compareOpen, comparison, compareLarge, busy } = zonesStore.use((s) => s);
  if (!compareOpen) return null;
  const names = comparison?.zones.map((z) => z.name) ?? [];
  return (
    <section className={`panel zone-compare ${compareLarge ? 'large' : ''}`} aria-label={M.compare.title} data-testid="zone-compare">
      <header>
        <div className="eyebrow">{M.compare.title}</div>
        <ReferencePicker />
        <ExportButtons formats={['csv', 'xlsx']} onExport={(f) => void exportComparison(f as 'csv' | 'xlsx')} />
        <span className="spacer" />
        <button className="link small" onClick={() => setZones({ compareLarge: !compareLarge })}>{compareLarge ? M.compare.shrink : M.compare.enlarge}</button>
        <button className="icon" onClick={closeCompare} aria-label={M.compare.close}>×</button>
      </header>
      {!comparison ? (
        <p className="muted small" aria-busy={busy}>{M.compare.computing}</p>
      ) : (
        <div className="zone-compare-body">
          <div className="zone-compare-table">
            <table data-testid="compare-table">
              <thead>
                <tr>
                  <th>{M.compare.indicator}</th>
                  {comparison.zones.map((z, i) => (
                    <th key={z.id}>
                      <span className="swatch outline" style={{ borderColor: rgb(zoneColor(i)) }} /> {z.name} <span className="muted">v{z.version}</span>
                    </th>
                  ))}
                  <th aria-label="Barres" />
                </tr>
              </thead>
              <tbody>
                {comparison.indicators.map((ind) => (
                  <tr key={ind.id}>
                    <th scope="row">
                      {ind.label} <QualityBadge quality={ind.quality} />
                      <div className="tiny muted compare-source" title={`${ind.source}, ${ind.year}`}>{ind.unit} · {ind.year}</div>
                    </th>
                    {ind.values.map((v, k) => (
                      <td key={k}>
                        <div className="num">{formatFigure(v, ind.unit)}</div>
                        <div className="tiny muted">
                          {ind.indexes[k] === null ? '' : `indice ${Math.round(ind.indexes[k]!).toLocaleString('fr-FR')}`}
                          {ind.coverageRatios[k] < 0.95 ? ` · couv. ${Math.round(ind.coverageRatios[k] * 100)} %` : ''}
                        </div>
                      </td>
                    ))}
                    <td className="bars-cell">
                      <CompareBars values={ind.values} names={names} unit={ind.unit} format={formatFigure} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {comparison.ageBands.length > 0 && (
            <div className="zone-compare-ages">
              <div className="small">{M.compare.ages}</div>
              <AgeOverlay series={comparison.zones.map((z) => ({ name: z.name, bands: comparison.ageBands.find((a) => a.zoneId === z.id)?.bands ?? [] }))} />
              <ul className="zone-compare-key tiny">
                {comparison.zones.map((z, i) => (
                  <li key={z.id}><span className="swatch" style={{ background: rgb(zoneColor(i)) }} /> {z.name}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
