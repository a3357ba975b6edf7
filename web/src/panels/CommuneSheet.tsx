import { closeSheet } from '../state/actions';
import { workspace } from '../state/workspace';
import { formatValue } from '../lib/classify';
import { formatNumber as fmt } from '../lib/messages';
import { CommuneProfile } from './CommuneProfile';
import { COMMUNE } from '../lib/messages/commune';

/** The commune sheet, opened by a map click or a search pick. */
export function CommuneSheet() {
  const sheet = workspace.use((s) => s.sheet);
  const values = workspace.use((s) => s.values);
  const indicators = workspace.use((s) => s.indicators);
  if (!sheet) return null;
  const { data, replacedFrom } = sheet;
  const indicator = indicators.find((i) => i.id === values?.indicatorId);
  const index = values ? values.codes.indexOf(data.code) : -1;
  const indicatorValue = index >= 0 ? values!.values[index] : null;
  const oldName = replacedFrom ? data.formerCodes.find((f) => f.code === replacedFrom && f.name !== f.code)?.name : undefined;
  const rows: [string, string][] = [
    [COMMUNE.rows.code, data.code],
    [COMMUNE.rows.departement, `${data.departement.name} (${data.departement.code})`],
    [COMMUNE.rows.region, data.region.name],
    [COMMUNE.rows.epci, data.epci ? data.epci.name : '—'],
    [COMMUNE.rows.postcodes, data.postcodes.join(', ') || '—'],
  ];
  return (
    <section className="panel sheet" aria-label={COMMUNE.sheetAria(data.name)} data-testid="commune-sheet">
      <header>
        <div>
          <div className="eyebrow">{COMMUNE.eyebrow(data.code)}</div>
          <h2>{data.name}</h2>
          <div className="muted small">
            {data.departement.name} · {data.region.name}
          </div>
        </div>
        <button className="icon" onClick={closeSheet} aria-label={COMMUNE.close}>
          ×
        </button>
      </header>
      {replacedFrom && (
        <p className="notice small" role="status">
          {COMMUNE.replaced(replacedFrom, oldName, data.name, data.code)}
        </p>
      )}
      <dl className="key-figures">
        <div>
          <dt>{COMMUNE.keyFigures.population}</dt>
          <dd>{fmt(data.populationCount)}</dd>
        </div>
        <div>
          <dt>{COMMUNE.keyFigures.area}</dt>
          <dd>{fmt(data.areaKm2, 1)}</dd>
        </div>
        <div>
          <dt>{COMMUNE.keyFigures.density}</dt>
          <dd>{fmt(data.densityPerKm2, 1)}</dd>
        </div>
      </dl>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {indicator && indicator.id !== 'population' && indicator.id !== 'density' && (
          <div className="row">
            <dt>{indicator.label}</dt>
            <dd>{indicatorValue === null ? COMMUNE.noValue : `${formatValue(indicatorValue, indicator.unit)}${indicator.unit === '%' ? '' : ` ${indicator.unit}`}`}</dd>
          </div>
        )}
      </dl>
      <CommuneProfile profile={sheet.profile} />
      {data.formerCodes.length > 0 && (
        <p className="muted small">{COMMUNE.formerCommunes(data.formerCodes.map((f) => (f.name && f.name !== f.code ? `${f.name} (${f.code})` : f.code)).join(', '))}</p>
      )}
      {data.geometryNote && <p className="notice small">{data.geometryNote}</p>}
      <p className="muted tiny">{COMMUNE.sources}</p>
    </section>
  );
}
