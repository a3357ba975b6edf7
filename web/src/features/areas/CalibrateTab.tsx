import { useState } from 'react';
import { AREAS as M, dec, int, pct } from '../../lib/messages/areas';
import { applyCalibration, setAreas } from './actions';
import { areasStore, topRows } from './slice';
import { ComputeButton, Field, Labels, MoreRows, OffNetwork, storeNames } from './common';
import { CustomersFields } from './CustomerTab';
import type { CalibrationFit } from './api';

const TOP = 10;

/** Calibration on observed customers: MCI and ML fits with their statistics; « Appliquer » sets γ, λ in the Huff tab. */
export function CalibrateTab() {
  const decay = areasStore.use((s) => s.calibrateDecay);
  return (
    <div className="areas-tab" data-testid="areas-tab-calibrate">
      <p className="muted tiny">{M.calibrate.hint}</p>
      <CustomersFields keyRequired />
      <Field label={M.huff.decay}>
        <select value={decay} onChange={(e) => setAreas({ calibrateDecay: e.target.value as 'power' | 'exponential' })}>
          <option value="power">{M.huff.power}</option>
          <option value="exponential">{M.huff.exponential}</option>
        </select>
      </Field>
      <ComputeButton tab="calibrate" />
      <CalibrationView />
    </div>
  );
}

function CalibrationView() {
  const r = areasStore.use((s) => s.results.calibrate);
  const [all, setAll] = useState(false);
  if (!r) return null;
  const fits: [string, string, CalibrationFit][] = [[M.calibrate.mciShort, M.calibrate.mci, r.fits.mci], [M.calibrate.mlShort, M.calibrate.ml, r.fits.ml]];
  const observed = topRows(r.stores, (s) => s.observedShareRatio, TOP, all);
  return (
    <div className="areas-result" data-testid="areas-calibration">
      <p className="small"><Labels synthetic={r.synthetic} modelled /> {M.calibrate.customers(r.customers.totalValue)}
        {r.customers.withoutStoreKey.value > 0 && <span className="muted"> · {M.calibrate.withoutKey(r.customers.withoutStoreKey.value)}</span>}
      </p>
      <table className="areas-table" data-testid="areas-fits">
        <thead>
          <tr><th>{M.calibrate.method}</th><th>γ</th><th>λ</th><th>{M.calibrate.r2}</th><th title={M.calibrate.logLikelihood}>{M.calibrate.logLikelihoodShort}</th><th>{M.calibrate.pseudoR2}</th><th /></tr>
        </thead>
        <tbody>
          {fits.map(([label, full, f]) => (
            <tr key={f.method} data-method={f.method}>
              <th scope="row" title={`${full} — ${M.calibrate.pairs} : ${int(f.pairCount)}`}>{label}</th>
              <td data-testid={`areas-fit-gamma-${f.method}`}>{dec(f.gamma)}</td>
              <td data-testid={`areas-fit-lambda-${f.method}`}>{dec(f.lambda)}</td>
              <td>{dec(f.r2)}</td>
              <td>{int(f.logLikelihood)}</td>
              <td>{dec(f.pseudoR2)}</td>
              <td><button className="link" onClick={() => applyCalibration(f)} aria-label={M.calibrate.applyAria(full)} data-testid={`areas-apply-${f.method}`}>{M.calibrate.apply}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted tiny">{M.calibrate.methodsCaption}</p>
      <table className="areas-table" data-testid="areas-shares">
        <caption>{M.calibrate.perStore}</caption>
        <thead><tr><th>{M.huff.store}</th><th>{M.calibrate.observed}</th><th>{M.calibrate.predicted}</th></tr></thead>
        <tbody>
          {observed.map((s) => (
            <tr key={s.key}>
              <th scope="row"><span className={`areas-dot ${s.role}`} />{s.name}</th>
              <td>{pct(s.observedShareRatio)}</td>
              <td>{pct(s.predictedShareRatio.ml)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows total={r.stores.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <OffNetwork report={r.offNetwork} names={storeNames(r.stores)} />
    </div>
  );
}
