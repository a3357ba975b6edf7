import { useState } from 'react';
import { BASINS as M, int, pct } from '../../lib/messages/basins';
import { computeNearest, setNearest } from './actions';
import { basinsStore, supplyChoices } from './slice';
import { ComputeButton, Field, FinessFilter, Labels, MoreRows, NumberInput, SaveForm } from './common';

const TOP = 8;

/** « Temps d'accès »: every commune to its nearest actor of a set by drive time; population beyond 30 / 45 min. */
export function NearestTab() {
  const f = basinsStore.use((s) => s.nearest);
  const sources = basinsStore.use((s) => s.sources);
  const { layers, finess } = supplyChoices(sources);
  return (
    <div className="basins-tab" data-testid="basins-tab-nearest">
      <div className="basins-grid">
        <Field label={M.nearest.actors}>
          <select value={f.actors} onChange={(e) => setNearest({ actors: e.target.value })} data-testid="basins-actors">
            {(sources?.actorSets ?? []).filter((a) => a.id !== 'finess' && a.id !== 'layer').map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
            <option value="finess" disabled={!finess}>{M.nearest.finess}</option>
            <option value="layer" disabled={!layers.length}>{M.nearest.layer}</option>
          </select>
        </Field>
        {f.actors === 'layer' && (
          <Field label={M.supply.layerPick}>
            <select value={f.layerId ?? ''} onChange={(e) => setNearest({ layerId: e.target.value || null })} data-testid="basins-actors-layer">
              <option value="">{M.supply.chooseLayer}</option>
              {layers.map((l) => <option key={l.layerId} value={l.layerId}>{l.label}</option>)}
            </select>
          </Field>
        )}
      </div>
      {f.actors === 'finess' && finess && (
        <FinessFilter categories={finess.categories} ticked={f.finessCategories} departementsText={f.finessDepartementsText} onChange={setNearest} testId="basins-actors-finess" />
      )}
      <div className="basins-grid">
        <Field label={M.nearest.cutoff}>
          <NumberInput value={f.cutoffMin} onChange={(v) => setNearest({ cutoffMin: v ?? 0 })} min={5} max={180} step={5} label={M.nearest.cutoff} testId="basins-cutoff" />
        </Field>
        <Field label={M.nearest.thresholds}>
          <input value={f.thresholdsText} onChange={(e) => setNearest({ thresholdsText: e.target.value })} size={8} data-testid="basins-thresholds" />
        </Field>
      </div>
      <ComputeButton tab="nearest" onClick={() => void computeNearest()} />
      <NearestResultView />
    </div>
  );
}

function NearestResultView() {
  const r = basinsStore.use((s) => s.results.nearest);
  const [all, setAll] = useState(false);
  const [zones, setZones] = useState(true);
  if (!r) return null;
  const actors = r.actors.filter((a) => !a.offNetworkReason).sort((a, b) => b.populationCount - a.populationCount);
  return (
    <div className="basins-result" data-testid="basins-nearest-result">
      <p className="small"><Labels qualities={['computed']} /> <strong>{r.label}</strong></p>
      <dl className="basins-figures small" data-testid="basins-beyond">
        {r.beyond.map((b) => (
          <div key={b.thresholdMin}><dt>{M.nearest.beyond(b.thresholdMin)}</dt><dd>{M.nearest.beyondLine(b.communeCount, b.populationCount, pct(b.shareRatio))}</dd></div>
        ))}
      </dl>
      {r.unreached.communeCount > 0 && <p className="muted tiny">{M.nearest.unreached(r.unreached.communeCount, r.unreached.populationCount)}</p>}
      {r.tiedCommuneCodes.length > 0 && <p className="muted tiny" data-testid="basins-ties">{r.tiesNote ?? M.nearest.ties(r.tiedCommuneCodes.length)}</p>}
      {r.offNetworkCommunes.communeCount > 0 && <p className="muted tiny">{M.nearest.offNetworkCommunes(r.offNetworkCommunes.communeCount, r.offNetworkCommunes.populationCount, r.offNetworkCommunes.reason)}</p>}
      {r.offNetwork.length > 0 && (
        <details className="basins-off small">
          <summary>{M.nearest.offNetwork(r.offNetwork.length)}</summary>
          <ul>{r.offNetwork.slice(0, 50).map((o) => <li key={o.key}>{o.label} — {o.reason}</li>)}</ul>
        </details>
      )}
      <div className="basins-scroll">
        <table className="basins-table" data-testid="basins-actors-table">
          <thead><tr><th>{M.nearest.actor}</th><th>{M.nearest.communes}</th><th>{M.nearest.population}</th></tr></thead>
          <tbody>
            {(all ? actors : actors.slice(0, TOP)).map((a) => (
              <tr key={a.key}><th scope="row">{a.label}</th><td>{int(a.communeCount)}</td><td>{int(a.populationCount)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreRows total={actors.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <SaveForm
        tab="nearest" button={M.nearest.save} what={r.actorSet.label} onSave={(name) => computeNearest({ name, zones })}
        options={<label className="basins-check"><input type="checkbox" checked={zones} onChange={(e) => setZones(e.target.checked)} /> {M.nearest.zonesToo}</label>}
      />
    </div>
  );
}
