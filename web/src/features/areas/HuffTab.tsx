import { useState } from 'react';
import { AREAS as M, int, pct } from '../../lib/messages/areas';
import { setHuff } from './actions';
import { areasStore, topRows } from './slice';
import { ComputeButton, Field, Labels, MoreRows, OffNetwork, SaveAsZones, cutoffInput, storeNames } from './common';

const TOP = 12;

/** Huff model: γ, λ, decay, demand → expected demand and market share per store; own-network share per commune on the map. */
export function HuffTab() {
  const h = areasStore.use((s) => s.huff);
  const applied = areasStore.use((s) => s.appliedFit);
  return (
    <div className="areas-tab" data-testid="areas-tab-huff">
      <div className="areas-grid">
        <Field label={M.huff.gamma}>
          <input type="number" step={0.05} min={0.05} max={5} value={h.gamma} onChange={(e) => setHuff({ gamma: Number(e.target.value) })} className="areas-num" data-testid="areas-gamma" />
        </Field>
        <Field label={M.huff.lambda}>
          <input type="number" step={0.05} min={0.001} max={6} value={h.lambda} onChange={(e) => setHuff({ lambda: Number(e.target.value) })} className="areas-num" data-testid="areas-lambda" />
        </Field>
        <Field label={M.huff.decay}>
          <select value={h.decayKind} onChange={(e) => setHuff({ decayKind: e.target.value as 'power' | 'exponential' })} data-testid="areas-decay">
            <option value="power">{M.huff.power}</option>
            <option value="exponential">{M.huff.exponential}</option>
          </select>
        </Field>
        {cutoffInput(h.cutoffMin, (cutoffMin) => setHuff({ cutoffMin }))}
        <Field label={M.huff.demand}>
          <select value={h.demand} onChange={(e) => setHuff({ demand: e.target.value as 'population' | 'spending' })}>
            <option value="population">{M.huff.population}</option>
            <option value="spending">{M.huff.spending}</option>
          </select>
        </Field>
        {h.demand === 'spending' && (
          <Field label={M.huff.perInhabitant}>
            <input type="number" min={1} step={100} value={h.perInhabitantEur} onChange={(e) => setHuff({ perInhabitantEur: Number(e.target.value) || 1 })} className="areas-num" />
          </Field>
        )}
      </div>
      {h.demand === 'spending' && (
        <label className="areas-check small"><input type="checkbox" checked={h.incomeWeighted} onChange={(e) => setHuff({ incomeWeighted: e.target.checked })} /> {M.huff.incomeWeighted}</label>
      )}
      <p className="muted tiny">{M.huff.formula}</p>
      {applied && <p className="notice tiny" role="status" data-testid="areas-applied">{M.huff.applied(applied === 'ml' ? M.calibrate.ml : M.calibrate.mci)}</p>}
      <ComputeButton tab="huff" />
      <HuffResultView />
    </div>
  );
}

function HuffResultView() {
  const r = areasStore.use((s) => s.results.huff);
  const [all, setAll] = useState(false);
  if (!r) return null;
  const rows = topRows(r.stores, (s) => s.expectedDemand, TOP, all);
  const unit = r.demand.unit === 'EUR' ? ' €' : '';
  return (
    <div className="areas-result" data-testid="areas-huff-result">
      <p className="small">
        <Labels synthetic={r.synthetic} modelled /> {M.huff.mapHint}
      </p>
      <p className="small areas-figures">
        {M.huff.reachedDemand} : <strong>{int(r.demand.totalDemand - r.demand.unreachedDemand)}{unit}</strong> · {M.huff.unreached} : {int(r.demand.unreachedDemand)}{unit}
        <span className="muted"> — {r.demand.label}</span>
      </p>
      <table className="areas-table" data-testid="areas-huff-stores">
        <thead>
          <tr><th>{M.huff.store}</th><th>{M.huff.expected}</th><th>{M.huff.share}</th></tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.key} className={s.role}>
              <th scope="row"><span className={`areas-dot ${s.role}`} aria-label={M.huff.role[s.role]} />{s.name}</th>
              <td>{int(s.expectedDemand)}</td>
              <td>{pct(s.marketShareRatio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows total={r.stores.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <p className="muted tiny">{M.huff.paramsLine(r.params.gamma, r.params.decay.lambda, r.params.decay.kind === 'power' ? M.huff.power : M.huff.exponential)}</p>
      <OffNetwork report={r.offNetwork} names={storeNames(r.stores)} />
      <SaveAsZones tab="huff" what="Huff" hint={M.save.networkHint} stores={r.stores} allLabel={M.save.ownNetwork} />
    </div>
  );
}
