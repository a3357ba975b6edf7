import { useEffect, useRef } from 'react';
import { SECTORS as M, int, pct, minutes } from './messages';
import { cancelRun, compareWith, importPlan, loadPlans, openPlan, optimise, runCompare, setForm, applyTightest } from './actions';
import { sectorsApi } from './api';
import { balanceFigures, kpiRows, otherVersions, paletteOf, sectorsStore } from './slice';
import './sectors.css';

/** « Secteurs »: sales sector plans — import, KPIs and balance, optimisation, comparison of versions, CSV export. */
export function Panel() {
  useEffect(() => void loadPlans(), []);
  return (
    <section className="panel sectors-panel" aria-label={M.title} data-testid="sectors-panel">
      <header>
        <div>
          <div className="eyebrow">{M.eyebrow}</div>
          <h2 className="sectors-title">{M.title}</h2>
        </div>
      </header>
      <p className="muted tiny">{M.intro}</p>
      <PlanPicker />
      <ImportReport />
      <Shown />
    </section>
  );
}

function PlanPicker() {
  const plans = sectorsStore.use((s) => s.plans);
  const planId = sectorsStore.use((s) => s.planId);
  const busy = sectorsStore.use((s) => s.busy);
  const file = useRef<HTMLInputElement>(null);
  return (
    <div className="sectors-row">
      {plans && plans.length > 0 ? (
        <label className="sectors-field full">
          <span>{M.plan}</span>
          <select value={planId ?? ''} onChange={(e) => void openPlan(e.target.value)} data-testid="sectors-plan" aria-label={M.choosePlan}>
            {!planId && <option value="">{M.choosePlan}</option>}
            {plans.map((p) => <option key={p.id} value={p.id}>{M.planOption(p.name, p.currentVersion)}</option>)}
          </select>
        </label>
      ) : (
        plans && <p className="muted small full" data-testid="sectors-no-plan">{M.noPlan}</p>
      )}
      <button className="toggle" onClick={() => file.current?.click()} disabled={busy === 'import'} title={M.importHint} data-testid="sectors-import-button">
        {busy === 'import' ? M.importing : M.importButton}
      </button>
      <input
        ref={file} type="file" accept=".csv,text/csv,text/plain" hidden data-testid="sectors-import-file"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importPlan(f); }}
      />
    </div>
  );
}

function ImportReport() {
  const report = sectorsStore.use((s) => s.importReport);
  if (!report) return null;
  return (
    <div className="sectors-report" role="alert" data-testid="sectors-import-report">
      <p className="small">{report.message}</p>
      <div className="sectors-scroll">
        <table className="sectors-table">
          <caption>{M.rowReport}</caption>
          <thead><tr><th>{M.rowHeads.row}</th><th>{M.rowHeads.field}</th><th>{M.rowHeads.value}</th><th>{M.rowHeads.reason}</th></tr></thead>
          <tbody>
            {report.rows.map((r, i) => (
              <tr key={i}><td className="num">{int(r.row)}</td><td>{r.field}</td><td>{r.value || '—'}</td><td className="reason">{r.reason}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Shown() {
  const v = sectorsStore.use((s) => s.shown);
  const busy = sectorsStore.use((s) => s.busy);
  if (!v || !v.kpis) return busy === 'plan' ? <p className="muted small">{M.loading}</p> : null;
  const computed = !!(v.options as { computed?: boolean }).computed;
  const rows = kpiRows(v.kpis);
  const palette = paletteOf(v.sectors);
  const b = balanceFigures(v.kpis);
  // the workload is the population by default: one column then, not two equal ones
  const population = v.kpis.workload.spec.source !== 'population';
  return (
    <div className="sectors-shown" data-testid="sectors-shown" data-version={v.version}>
      <div className="sectors-row">
        <label className="sectors-field full">
          <span>{M.version}</span>
          <select value={v.version} onChange={(e) => void openPlan(v.plan.id, Number(e.target.value))} data-testid="sectors-version">
            {[...v.versions].reverse().map((x) => (
              <option key={x.version} value={x.version}>{M.versionOption(x.version, x.note, !!(x.options as { computed?: boolean }).computed)}</option>
            ))}
          </select>
        </label>
        {computed && <span className="badge quality computed" title={M.computedTitle} data-testid="sectors-label-computed">{M.computed}</span>}
        <a className="toggle sectors-export" href={sectorsApi.exportUrl(v.plan.id, v.version)} download title={M.exportTitle} data-testid="sectors-export">{M.exportCsv}</a>
      </div>
      <div className="sectors-scroll">
        <table className="sectors-table" data-testid="sectors-kpis">
          <caption>{M.kpiCaption(v.kpis.workload.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{M.heads.name}</th><th scope="col">{M.heads.communes}</th><th scope="col">{M.heads.workload}</th>{population && <th scope="col">{M.heads.population}</th>}
              <th scope="col" title={M.headTitles.times}>{M.heads.times}</th><th scope="col">{M.heads.contiguity}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row"><span className="sectors-swatch" style={{ background: palette[i % palette.length] }} />{r.name}{r.owner && <span className="sectors-owner">{r.owner}</span>}</th>
                <td className="num">{r.communes}</td><td className="num">{r.workload}</td>{population && <td className="num">{r.population}</td>}
                <td className="num wrap">{r.hasBase ? r.times : <span className="muted">{M.noBase}</span>}</td>
                <td className={r.contiguous ? 'wrap' : 'wrap warn'} data-testid="sectors-contiguity">{r.contiguity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="sectors-figures" data-testid="sectors-balance" aria-label={M.balance}>
        <div><dt>{M.maxDeviation}</dt><dd data-testid="sectors-max-deviation">{b.maxDeviation}</dd></div>
        <div><dt>{M.maxMin}</dt><dd data-testid="sectors-max-min">{b.maxMin}</dd></div>
        <div><dt>{M.mean}</dt><dd>{b.mean}</dd></div>
      </dl>
      {v.kpis.workload.note && <p className="muted tiny">{v.kpis.workload.note}</p>}
      <Optimise />
      <Compare />
    </div>
  );
}

function Optimise() {
  const form = sectorsStore.use((s) => s.form);
  const run = sectorsStore.use((s) => s.run);
  const busy = sectorsStore.use((s) => s.busy);
  const outcome = sectorsStore.use((s) => s.outcome);
  const infeasible = sectorsStore.use((s) => s.infeasible);
  const needBases = sectorsStore.use((s) => !!s.shown?.kpis && kpiRows(s.shown.kpis).some((r) => !r.hasBase));
  return (
    <fieldset className="sectors-box" data-testid="sectors-optimise">
      <legend>{M.optimise.title}</legend>
      <div className="sectors-row">
        <label className="sectors-field">
          <span>{M.optimise.tolerance}</span>
          <input type="number" className="sectors-num" min={0} max={100} step={0.1} value={form.tolerancePct} onChange={(e) => setForm({ tolerancePct: Number(e.target.value) })} data-testid="sectors-tolerance" />
        </label>
        <button className="toggle on" onClick={() => void optimise()} disabled={busy !== null} data-testid="sectors-optimise-run">{M.optimise.run}</button>
      </div>
      <label className="sectors-check"><input type="checkbox" checked={form.contiguity} onChange={(e) => setForm({ contiguity: e.target.checked })} data-testid="sectors-contiguity-option" />{M.optimise.contiguity}</label>
      <label className="sectors-check"><input type="checkbox" checked={form.minimalDisruption} onChange={(e) => setForm({ minimalDisruption: e.target.checked })} data-testid="sectors-disruption" />{M.optimise.disruption}</label>
      <label className="sectors-check"><input type="checkbox" checked={form.chooseBases} onChange={(e) => setForm({ chooseBases: e.target.checked })} data-testid="sectors-choose-bases" />{M.optimise.chooseBases}</label>
      {needBases && <p className="muted tiny">{M.optimise.chooseBasesNeeded}</p>}
      {run && (
        <div className="sectors-progress" data-testid="sectors-progress">
          <progress max={1} value={run.progressRatio} aria-label={M.optimise.running(run.phaseLabel, run.progressRatio)} />
          <span className="small">{M.optimise.running(run.phaseLabel || '…', run.progressRatio)}</span>
          <button className="link" onClick={() => void cancelRun()} data-testid="sectors-cancel">{M.optimise.cancel}</button>
        </div>
      )}
      {infeasible && (
        <div className="sectors-infeasible" role="alert" data-testid="sectors-infeasible">
          <p className="small">{infeasible.message}</p>
          {infeasible.tightestToleranceRatio !== null && (
            <button className="toggle" onClick={applyTightest} disabled={busy !== null} data-testid="sectors-use-tightest">{M.optimise.useTightest(infeasible.tightestToleranceRatio)}</button>
          )}
        </div>
      )}
      {outcome && (
        <div className="sectors-outcome" data-testid="sectors-outcome">
          <strong>{M.optimise.done(outcome.version)}</strong> <span className="badge quality computed">{M.computed}</span>
          <span className="muted tiny"> {outcome.statusLabel}</span>
          <ul className="small">
            <li data-testid="sectors-moved">{M.optimise.moved(outcome.movedCount)}</li>
            <li data-testid="sectors-gap">{M.optimise.gap(outcome.gapRatio)}</li>
            <li>{M.optimise.balanceAfter(outcome.before, outcome.after)}</li>
          </ul>
        </div>
      )}
    </fieldset>
  );
}

function Compare() {
  const v = sectorsStore.use((s) => s.shown);
  const other = sectorsStore.use((s) => s.compareWith);
  const result = sectorsStore.use((s) => s.compare);
  const busy = sectorsStore.use((s) => s.busy);
  const versions = otherVersions(v);
  if (!v || !versions.length) return null;
  return (
    <fieldset className="sectors-box" data-testid="sectors-compare">
      <legend>{M.compare.title}</legend>
      <div className="sectors-row">
        <label className="sectors-field full">
          <span>{M.compare.with}</span>
          <select value={other ?? ''} onChange={(e) => void compareWith(e.target.value ? Number(e.target.value) : null)} data-testid="sectors-compare-with">
            <option value="">—</option>
            {versions.map((n) => <option key={n} value={n}>v{n}</option>)}
          </select>
        </label>
        <button className="toggle" onClick={() => void runCompare()} disabled={other === null || busy !== null} data-testid="sectors-compare-run">{M.compare.button}</button>
      </div>
      {result && (
        <div data-testid="sectors-compare-result">
          <p className="small" data-testid="sectors-compare-moved">{M.compare.moved(result.movedCount)}</p>
          <div className="sectors-scroll">
            <table className="sectors-table">
              <caption>{M.compare.caption(result.versionA, result.versionB)}</caption>
              <thead><tr><th scope="col">{M.compare.heads.name}</th><th scope="col">{M.compare.heads.communes}</th><th scope="col">{M.compare.heads.workload}</th><th scope="col">{M.compare.heads.meanTime}</th></tr></thead>
              <tbody>
                {result.sectors.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.b?.name ?? s.a?.name ?? s.key}</th>
                    <td className="num">{int(s.a?.communeCount)} → {int(s.b?.communeCount)}</td>
                    <td className="num">{int(s.a?.workload)} → {int(s.b?.workload)}</td>
                    <td className="num">{minutes(s.a?.meanDurationSec)} → {minutes(s.b?.meanDurationSec)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted tiny">{M.maxDeviation} : {pct(result.balance.a.workloadMaxDeviationRatio)} → {pct(result.balance.b.workloadMaxDeviationRatio)}</p>
        </div>
      )}
    </fieldset>
  );
}
