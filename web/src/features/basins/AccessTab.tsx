import { useState } from 'react';
import { BASINS as M, int, num, pct, type DecayKind } from '../../lib/messages/basins';
import { computeAccess, openCommuneSheet, setAccess } from './actions';
import { basinsStore, supplyChoices, type SupplyKind } from './slice';
import { ComputeButton, Field, FinessFilter, Labels, MoreRows, NumberInput, SaveForm } from './common';

const TOP = 10;

/** « Accessibilité »: supply, catchment and decay → accessibility per commune (2SFCA / E2SFCA), summary, sensitivity, under-served communes. */
export function AccessTab() {
  const f = basinsStore.use((s) => s.access);
  const sources = basinsStore.use((s) => s.sources);
  const { gp, layers, finess } = supplyChoices(sources);
  const layer = layers.find((l) => l.layerId === f.layerId);
  return (
    <div className="basins-tab" data-testid="basins-tab-access">
      <fieldset className="basins-box">
        <legend>{M.supply.legend}</legend>
        <Field label={M.supply.kind}>
          <select value={f.supply} onChange={(e) => setAccess({ supply: e.target.value as SupplyKind })} data-testid="basins-supply">
            <option value="gp">{gp ? `${gp.label}` : M.supply.gp}</option>
            <option value="layer" disabled={!layers.length}>{M.supply.layer}</option>
            <option value="finess" disabled={!finess}>{M.supply.finess}</option>
          </select>
        </Field>
        {f.supply === 'gp' && gp && <p className="muted tiny">{M.supply.points(gp.pointCount)}</p>}
        {f.supply === 'layer' && (
          <div className="basins-grid">
            <Field label={M.supply.layerPick}>
              <select value={f.layerId ?? ''} onChange={(e) => setAccess({ layerId: e.target.value || null, measure: null })} data-testid="basins-supply-layer">
                <option value="">{M.supply.chooseLayer}</option>
                {layers.map((l) => <option key={l.layerId} value={l.layerId}>{l.label}</option>)}
              </select>
            </Field>
            <Field label={M.supply.measure}>
              <select value={f.measure ?? ''} onChange={(e) => setAccess({ measure: e.target.value || null })} disabled={!layer}>
                <option value="">{M.supply.measureOne}</option>
                {(layer?.measures ?? []).map((m) => <option key={m.name} value={m.name}>{m.unit ? `${m.name} (${m.unit})` : m.name}</option>)}
              </select>
            </Field>
          </div>
        )}
        {f.supply === 'finess' && finess && (
          <FinessFilter categories={finess.categories} ticked={f.finessCategories} departementsText={f.finessDepartementsText} onChange={setAccess} testId="basins-supply-finess" />
        )}
      </fieldset>
      <div className="basins-grid">
        <Field label={M.access.catchment}>
          <NumberInput value={f.catchmentMin} onChange={(v) => setAccess({ catchmentMin: v ?? 0 })} min={1} max={180} step={5} label={M.access.catchment} testId="basins-catchment" />
        </Field>
        <Field label={M.access.decay}>
          <select value={f.decay} onChange={(e) => setAccess({ decay: e.target.value as DecayKind })} data-testid="basins-decay">
            {(['binary', 'steps', 'gaussian'] as const).map((d) => <option key={d} value={d}>{M.access.decays[d]}</option>)}
          </select>
        </Field>
      </div>
      {f.decay === 'steps' && <Steps />}
      <div className="basins-grid">
        <Field label={M.access.activity}>
          <NumberInput value={f.activityPerSupply} onChange={(v) => setAccess({ activityPerSupply: v })} min={1} step={100} label={M.access.activity} optional testId="basins-activity" />
        </Field>
        <Field label={M.access.threshold}>
          <NumberInput value={f.underServedThreshold} onChange={(v) => setAccess({ underServedThreshold: v })} min={0} step={1} label={M.access.threshold} optional testId="basins-threshold" />
        </Field>
      </div>
      {f.activityPerSupply ? <p className="muted tiny">{M.access.activityHint}</p> : null}
      <ComputeButton tab="access" onClick={() => void computeAccess()} />
      <AccessResultView />
    </div>
  );
}

/** The three steps of the E2SFCA decay: upper bound (min) and weight of each, editable. */
function Steps() {
  const f = basinsStore.use((s) => s.access);
  const set = (i: number, key: 'stepsUpperMin' | 'stepsWeights', v: number) => setAccess({ [key]: f[key].map((x, k) => (k === i ? v : x)) });
  return (
    <div className="basins-steps" data-testid="basins-steps">
      <table className="basins-table basins-table-dense">
        <thead>
          <tr><th />{f.stepsUpperMin.map((_, i) => <th key={i}>{M.access.step(i)}</th>)}</tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{M.access.stepUpper}</th>
            {f.stepsUpperMin.map((u, i) => (
              <td key={i}><input type="number" className="basins-num small-num" value={u} min={1} max={180} onChange={(e) => set(i, 'stepsUpperMin', Number(e.target.value))} aria-label={`${M.access.step(i)} ${M.access.stepUpper}`} /></td>
            ))}
          </tr>
          <tr>
            <th scope="row">{M.access.stepWeight}</th>
            {f.stepsWeights.map((w, i) => (
              <td key={i}><input type="number" className="basins-num small-num" value={w} min={0} max={1} step={0.05} onChange={(e) => set(i, 'stepsWeights', Number(e.target.value))} aria-label={`${M.access.step(i)} ${M.access.stepWeight}`} /></td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="muted tiny">{M.access.stepsHint}</p>
    </div>
  );
}

function AccessResultView() {
  const r = basinsStore.use((s) => s.results.access);
  const [all, setAll] = useState(false);
  if (!r) return null;
  const { summary: s, underServed: u } = r;
  const under = u?.communes ?? [];
  return (
    <div className="basins-result" data-testid="basins-access-result">
      <p className="small"><Labels qualities={['computed', r.synthetic && 'synthetic']} /> <strong>{r.label}</strong> <span className="muted">({r.unit})</span></p>
      <p className="muted tiny">{M.access.supplyLine(r.supply.label, r.supply.pointCount, r.supply.total)}{r.timing?.computeMs !== undefined ? ` · ${M.access.timing((r.timing.timesMs ?? 0) + r.timing.computeMs)}` : ''}</p>
      <dl className="basins-figures small" data-testid="basins-access-summary">
        <div><dt>{M.access.mean}</dt><dd>{num(s.meanPopulationWeighted)}</dd></div>
        <div><dt>{M.access.median}</dt><dd>{num(s.median)}</dd></div>
        <div><dt>{M.access.withoutAccess}</dt><dd>{M.access.communesPop(s.communesWithoutAccess, s.populationWithoutAccess)}</dd></div>
        <div>
          <dt>{M.access.underServed}{u ? ` (< ${num(u.threshold)})` : ''}</dt>
          <dd>{u ? M.access.underServedLine(u.communeCount, u.populationCount, pct(u.shareRatio)) : <span className="muted">{M.access.noThreshold}</span>}</dd>
        </div>
      </dl>
      {u?.rule && <p className="muted tiny" data-testid="basins-threshold-rule">{u.rule}</p>}
      {r.demand.note && <p className="notice tiny" data-testid="basins-demand-note">{r.demand.note}</p>}
      {r.supply.offNetworkCount > 0 && (
        <details className="basins-off small">
          <summary>{M.access.offNetwork(r.supply.offNetworkCount)}</summary>
          <ul>{r.supply.offNetwork.slice(0, 50).map((o) => <li key={o.key}>{o.label} — {o.reason}</li>)}</ul>
        </details>
      )}
      {r.supply.withoutDemand > 0 && <p className="muted tiny">{M.access.withoutDemand(r.supply.withoutDemand)}</p>}
      <Sensitivity />
      {under.length > 0 && (
        <div className="basins-scroll">
          <table className="basins-table" data-testid="basins-under-served">
            <caption>{M.access.underList}</caption>
            <thead><tr><th>{M.access.commune}</th><th>{M.access.value}</th><th>{M.access.population}</th></tr></thead>
            <tbody>
              {(all ? under : under.slice(0, TOP)).map((c) => (
                <tr key={c.code}>
                  <th scope="row"><button className="link plain" onClick={() => void openCommuneSheet(c.code)} title={M.access.openCommune(c.name)}>{c.name}</button></th>
                  <td>{num(c.value)}</td>
                  <td>{int(c.populationCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MoreRows total={under.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
        </div>
      )}
      <SaveForm tab="access" button={M.access.save} what={r.label} onSave={(name) => computeAccess(name)} />
    </div>
  );
}

/** Catchment 10 / 15 / 20 / 30 min × decays: mean and share under the threshold; the current parameters marked. */
function Sensitivity() {
  const r = basinsStore.use((s) => s.results.access);
  if (!r?.sensitivity?.length) return null;
  const current = (row: { catchmentMin: number; decay: string }) => row.catchmentMin === r.method.catchmentMin && row.decay === r.method.decay.kind;
  const rowsOf = (m: number) => r.sensitivity!.filter((x) => x.catchmentMin === m).length;
  return (
    <div className="basins-scroll">
      <table className="basins-table basins-table-dense" data-testid="basins-sensitivity">
        <caption>{M.access.sensitivity} — <span className="muted">{M.access.sensitivityCaption}</span></caption>
        <thead>
          <tr><th>{M.access.catchmentCol}</th><th>{M.access.decayCol}</th><th>{M.access.meanCol}</th><th>{M.access.underCol}</th><th>{M.access.withoutCol}</th></tr>
        </thead>
        <tbody>
          {r.sensitivity.map((row, i) => (
            <tr key={`${row.catchmentMin}-${row.decay}`} data-catchment={row.catchmentMin} data-decay={row.decay} className={current(row) ? 'current' : ''} title={current(row) ? M.access.current : undefined}>
              {(i === 0 || r.sensitivity![i - 1].catchmentMin !== row.catchmentMin) && <th scope="rowgroup" rowSpan={rowsOf(row.catchmentMin)} className="group">{M.access.minutes(row.catchmentMin)}</th>}
              <td className="text">{row.decayLabel}</td>
              <td>{num(row.meanPopulationWeighted)}</td>
              <td>{pct(row.underServedShareRatio)}</td>
              <td>{int(row.populationWithoutAccess)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
