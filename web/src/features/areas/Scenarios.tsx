import { useState } from 'react';
import { AREAS as M, int, signed } from '../../lib/messages/areas';
import { zonesStore } from '../zones/slice';
import { setAreas, toggleCompared } from './actions';
import { areasStore } from './slice';
import { Labels } from './common';
import { MAX_COMPARED, MIN_COMPARED, scenarioColumn, storeChanges, type ScenarioColumn } from './compare';

/** Saved scenarios, each with a tick; 2–6 ticked are compared side by side in the map's bottom drawer (ScenarioDrawer). */
export function Scenarios() {
  const list = areasStore.use((s) => s.scenarios);
  const compared = areasStore.use((s) => s.compared);
  if (!list) return null;
  return (
    <details className="areas-scenarios small" data-testid="areas-scenarios" open={compared.length > 0 || undefined}>
      <summary>{M.whatIf.scenarios} ({int(list.length)})</summary>
      {list.length === 0 ? <p className="muted">{M.whatIf.noScenarios}</p> : (
        <>
          {list.length >= MIN_COMPARED && <p className="muted tiny">{M.whatIf.compareHint}</p>}
          <ul data-testid="areas-scenario-list">
            {list.map((s) => (
              <li key={s.id}>
                <label>
                  <input type="checkbox" checked={compared.includes(s.id)} onChange={() => toggleCompared(s.id)} aria-label={M.whatIf.compareTick(s.name)} data-testid="areas-scenario-tick" />
                  {s.name}
                </label>{' '}
                <span className="muted">· {new Date(s.createdAt).toLocaleDateString('fr-FR')} · {M.whatIf.scenarioLine((s.summary as Record<string, unknown> | null)?.ownNetworkDelta)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {compared.length >= MIN_COMPARED && <p className="muted tiny" data-testid="areas-compare-below">{M.whatIf.compareBelow}</p>}
    </details>
  );
}

/**
 * The comparison of the ticked scenarios in the map's bottom drawer (the zones comparison's drawer and layout;
 * while that one is open it has the place). × unticks them all.
 */
export function ScenarioDrawer() {
  const compared = areasStore.use((s) => s.compared);
  const zonesOpen = zonesStore.use((s) => s.compareOpen);
  const [large, setLarge] = useState(false);
  if (compared.length < MIN_COMPARED || zonesOpen) return null;
  return (
    <section className={`panel zone-compare areas-compare-drawer ${large ? 'large' : ''}`} aria-label={M.whatIf.compareDrawer} data-testid="areas-compare-drawer">
      <header>
        <div className="eyebrow">{M.whatIf.compareDrawer}</div>
        <span className="spacer" />
        <button className="link small" onClick={() => setLarge(!large)}>{large ? M.whatIf.compareShrink : M.whatIf.compareEnlarge}</button>
        <button className="icon" onClick={() => setAreas({ compared: [] })} aria-label={M.whatIf.compareClose}>×</button>
      </header>
      <div className="zone-compare-body">
        <ScenarioComparison />
      </div>
    </section>
  );
}

const cell = (n: number | null, sign = false) => (n === null ? '—' : sign ? signed(n) : int(n));

function ScenarioComparison() {
  const list = areasStore.use((s) => s.scenarios);
  const compared = areasStore.use((s) => s.compared);
  const columns: ScenarioColumn[] = compared.flatMap((id) => list?.filter((s) => s.id === id).map(scenarioColumn) ?? []);
  if (columns.length < MIN_COMPARED || columns.length > MAX_COMPARED) return null;
  const stores = storeChanges(columns);
  const figures: [string, (c: ScenarioColumn) => string, string][] = [
    [M.whatIf.ownBefore, (c) => cell(c.ownBase), 'own-base'],
    [M.whatIf.ownAfter, (c) => cell(c.ownAfter), 'own-after'],
    [M.whatIf.ownDelta, (c) => cell(c.ownDelta, true), 'own-delta'],
    [M.whatIf.capturedTotal, (c) => cell(c.capturedFromCompetitors, true), 'captured'],
    [M.whatIf.cannibalisedTotal, (c) => cell(c.cannibalisedFromOwn), 'cannibalised'],
  ];
  const units = [...new Set(columns.map((c) => M.whatIf.unit(c.unit, c.demandLabel)).filter(Boolean))];
  return (
    <div className="areas-result areas-compare" data-testid="areas-compare">
      <p className="small">
        <Labels synthetic={columns.some((c) => c.synthetic)} modelled /> <strong>{M.whatIf.compareTitle(columns.length)}</strong>
      </p>
      <table className="areas-table areas-table-dense" data-testid="areas-compare-table">
        <caption>{M.whatIf.compareCaption}</caption>
        <thead>
          <tr><th />{columns.map((c) => <th key={c.id} className="scenario" scope="col">{c.name}</th>)}</tr>
        </thead>
        <tbody>
          {figures.map(([label, value, id]) => (
            <tr key={id} data-figure={id}>
              <th scope="row">{label}</th>
              {columns.map((c) => <td key={c.id}>{value(c)}</td>)}
            </tr>
          ))}
          {stores.length > 0 && <tr className="section"><th colSpan={columns.length + 1}>{M.whatIf.perStore}</th></tr>}
          {stores.map((r) => (
            <tr key={r.key} data-store={r.key}>
              <th scope="row"><span className={`areas-dot ${r.cells.some((x) => x?.change === 'add') ? 'candidate' : r.role}`} />{r.name}</th>
              {r.cells.map((x, i) => (
                <td key={columns[i].id} title={x && x.change !== 'none' ? M.whatIf.changeLabel(x.change) : undefined}>
                  {x === null ? '—' : signed(x.deltaDemand)}{x && x.change !== 'none' && <span className="muted areas-compare-kind">{M.whatIf.changeLabel(x.change)}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {stores.some((r) => r.cells.includes(null)) && <p className="muted tiny">{M.whatIf.noRows}</p>}
      {units.length > 0 && <p className="muted tiny">{units.join(' ; ')}</p>}
    </div>
  );
}
