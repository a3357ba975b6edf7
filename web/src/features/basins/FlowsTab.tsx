import { useState } from 'react';
import { BASINS as M, int, pct, type FlowUnit } from '../../lib/messages/basins';
import { compareFlows, computeFlows, openSavedProfile, setFlows, sortBy } from './actions';
import { BASIN_PALETTE, basinColorIndex, basinsStore, sortBasins, zonesByBasin, type BasinSortKey } from './slice';
import { ComputeButton, Field, Labels, MoreRows, NumberInput, SaveForm } from './common';

const TOP = 15;

/** « Flux de patients »: basins from where patients go (plurality, contiguity, localization index and size merges). */
export function FlowsTab() {
  const f = basinsStore.use((s) => s.flows);
  const datasets = basinsStore.use((s) => s.sources?.flowDatasets ?? null);
  const dataset = datasets?.find((d) => d.id === f.dataset);
  return (
    <div className="basins-tab" data-testid="basins-tab-flows">
      <div className="basins-grid">
        <Field label={M.flows.dataset} wide>
          <select value={f.dataset ?? ''} onChange={(e) => setFlows({ dataset: e.target.value || null, compareWith: null })} data-testid="basins-dataset">
            {(datasets ?? []).map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
          </select>
        </Field>
        <Field label={M.flows.unit}>
          <select value={f.unit} onChange={(e) => setFlows({ unit: e.target.value as FlowUnit })} data-testid="basins-unit">
            {(Object.keys(M.flows.units) as FlowUnit[]).map((u) => <option key={u} value={u}>{M.flows.units[u]}</option>)}
          </select>
        </Field>
        <Field label={M.flows.minLi}>
          <NumberInput value={f.minLocalizationRatio} onChange={(v) => setFlows({ minLocalizationRatio: v ?? 0 })} min={0} max={1} step={0.05} label={M.flows.minLi} testId="basins-min-li" />
        </Field>
        <Field label={M.flows.minStays}>
          <NumberInput value={f.minStays} onChange={(v) => setFlows({ minStays: v ?? 0 })} min={0} step={100} label={M.flows.minStays} testId="basins-min-stays" />
        </Field>
      </div>
      {dataset && <p className="small"><Labels qualities={[dataset.quality, dataset.synthetic && 'synthetic']} /> <span className="muted tiny">{M.flows.rows(dataset.rowCount)}</span></p>}
      <label className="basins-check small"><input type="checkbox" checked={f.contiguity} onChange={(e) => setFlows({ contiguity: e.target.checked })} data-testid="basins-contiguity" /> {M.flows.contiguity}</label>
      <ComputeButton tab="flows" onClick={() => void computeFlows()} />
      <FlowsResultView />
    </div>
  );
}

const COLUMNS: { key: BasinSortKey; label: string }[] = [
  { key: 'label', label: M.flows.cols.label }, { key: 'communeCount', label: M.flows.cols.communes }, { key: 'populationCount', label: M.flows.cols.population },
  { key: 'stays', label: M.flows.cols.stays }, { key: 'localizationRatio', label: M.flows.cols.li }, { key: 'mainUnitShareRatio', label: M.flows.cols.mainShare },
  { key: 'leakageRatio', label: M.flows.cols.leakage },
];
const TITLE_KEY: Partial<Record<BasinSortKey, string>> = { localizationRatio: 'li', mainUnitShareRatio: 'mainShare', leakageRatio: 'leakage' };

function FlowsResultView() {
  const r = basinsStore.use((s) => s.results.flows);
  const sort = basinsStore.use((s) => s.flows.sort);
  const saved = basinsStore.use((s) => (s.saved?.tab === 'flows' ? s.saved.zones : null));
  const [all, setAll] = useState(false);
  if (!r) return null;
  const rows = sortBasins(r.basins, sort);
  const colorOf = basinColorIndex(r.basins);
  const zoneOf = zonesByBasin(r.basins, saved ?? []);
  const mapped = r.communes.basin.filter((b) => b >= 0).length;
  return (
    <div className="basins-result" data-testid="basins-flows-result">
      <p className="small">
        <Labels qualities={[r.quality, r.dataset.synthetic && 'synthetic']} /> <strong>{M.flows.summary(r.basins.length, mapped)}</strong>
        <span className="muted"> — {M.flows.units[r.unit].toLowerCase()}, {r.dataset.year}</span>
      </p>
      {r.notes.length > 0 && <ul className="basins-notes muted tiny" data-testid="basins-flows-notes">{r.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
      <div className="basins-scroll">
        <table className="basins-table basins-table-dense" data-testid="basins-flows-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined} title={TITLE_KEY[c.key] ? M.flows.colTitles[TITLE_KEY[c.key]!] : undefined}>
                  <button className="link plain basins-sort" onClick={() => sortBy(c.key)} aria-label={M.flows.sortBy(c.label)} data-testid={`basins-sort-${c.key}`}>
                    {c.label}{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
              {saved && <th />}
            </tr>
          </thead>
          <tbody>
            {(all ? rows : rows.slice(0, TOP)).map((b) => {
              const zone = zoneOf.get(b.id);
              return (
                <tr key={b.id} data-basin={b.key}>
                  <th scope="row"><span className="basins-dot" style={{ background: BASIN_PALETTE[colorOf.get(b.id) ?? 0] }} />{b.label}</th>
                  <td>{int(b.communeCount)}</td>
                  <td>{int(b.populationCount)}</td>
                  <td>{int(b.stays)}</td>
                  <td>{pct(b.localizationRatio)}</td>
                  <td>{pct(b.mainUnitShareRatio)}</td>
                  <td>{pct(b.leakageRatio)}</td>
                  {saved && <td>{zone && <button className="link" onClick={() => void openSavedProfile(zone.id)} data-testid="basins-row-profile">{M.flows.profile}</button>}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MoreRows total={rows.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <Log />
      <Compare />
      <SaveForm tab="flows" button={M.flows.save} what={M.flows.mapLabel(M.flows.units[r.unit])} onSave={(name) => computeFlows(name)} />
    </div>
  );
}

/** The contiguity moves and the merges, in the order they were made (collapsed). */
function Log() {
  const r = basinsStore.use((s) => s.results.flows);
  if (!r) return null;
  const { contiguityMoves: moves, merges } = r.log;
  return (
    <details className="basins-log small" data-testid="basins-log">
      <summary>{M.flows.log} — {M.flows.logSummary(moves.length, merges.length)}</summary>
      <ol>
        {moves.slice(0, 200).map((m, i) => <li key={`m${i}`}>{M.flows.move(m.codeGeo, m.fromLabel, m.toLabel, m.stays)}</li>)}
        {merges.slice(0, 200).map((m, i) => <li key={`g${i}`}>{M.flows.merge(m.fromLabel, m.intoLabel, m.reasonLabel, pct(m.localizationRatio))}</li>)}
      </ol>
    </details>
  );
}

/** With more than one dataset (year): the same basins on another one, and how many codes géo change basin. */
function Compare() {
  const datasets = basinsStore.use((s) => s.sources?.flowDatasets ?? []);
  const f = basinsStore.use((s) => s.flows);
  const c = basinsStore.use((s) => s.results.compare);
  const busy = basinsStore.use((s) => s.busy === 'compare');
  const others = datasets.filter((d) => d.id !== f.dataset);
  if (!others.length) return null;
  return (
    <div className="basins-compare small" data-testid="basins-compare">
      <label className="basins-field">
        <span>{M.flows.compare}</span>
        <select value={f.compareWith ?? ''} onChange={(e) => void compareFlows(e.target.value || null)} disabled={busy}>
          <option value="">{M.flows.compareNone}</option>
          {others.map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
        </select>
      </label>
      {busy && <p className="muted tiny">{M.computing}</p>}
      {c && (
        <div className="basins-scroll">
          <table className="basins-table">
            <thead><tr><th /><th>{c.a.dataset.label}</th><th>{c.b.dataset.label}</th></tr></thead>
            <tbody>
              <tr><th scope="row">{M.flows.basinCount}</th><td>{int(c.a.basinCount)}</td><td>{int(c.b.basinCount)}</td></tr>
              <tr><th scope="row">{M.flows.meanLi}</th><td>{pct(c.a.meanLocalizationRatio)}</td><td>{pct(c.b.meanLocalizationRatio)}</td></tr>
            </tbody>
          </table>
          <p>{M.flows.compareLine(c.changedCodeGeoCount, c.changedPopulationCount)}</p>
        </div>
      )}
    </div>
  );
}
