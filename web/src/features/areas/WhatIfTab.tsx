import { useEffect, useState } from 'react';
import { toolStore } from '../../map/tools';
import { AREAS as M, int, signed } from '../../lib/messages/areas';
import { addChange, loadScenarios, saveScenario, setAreas, setScenarioName, startCandidate, startMove } from './actions';
import { areasStore, withoutChange } from './slice';
import { ComputeButton, Field, Labels, OffNetwork, storeNames } from './common';
import { Scenarios } from './Scenarios';

/** What-if: candidate sites clicked on the map, stores closed, resized or moved (a click on the map) → captured vs cannibalised per store; scenarios. */
export function WhatIfTab() {
  const changes = areasStore.use((s) => s.whatIf.changes);
  const huff = areasStore.use((s) => s.results.huff);
  const clicking = toolStore.use((t) => t.active?.owner === 'areas');
  const [attractiveness, setAttractiveness] = useState(1000);
  const [storeKey, setStoreKey] = useState('');
  const [resizeTo, setResizeTo] = useState(1000);
  const stores = huff?.stores ?? [];
  const storeName = (key: string) => stores.find((s) => s.key === key)?.name ?? key;
  useEffect(() => void loadScenarios(), []);
  return (
    <div className="areas-tab" data-testid="areas-tab-whatif">
      <p className="muted tiny">{M.whatIf.hint}</p>
      <div className="areas-row">
        <button className={`toggle ${clicking ? 'on' : ''}`} onClick={() => startCandidate(attractiveness)} data-testid="areas-add-candidate">{M.whatIf.addCandidate}</button>
        <Field label={M.whatIf.attractiveness}>
          <input type="number" min={1} value={attractiveness} onChange={(e) => setAttractiveness(Number(e.target.value) || 1)} className="areas-num" />
        </Field>
      </div>
      {stores.length > 0 && (
        <div className="areas-row small">
          <select value={storeKey} onChange={(e) => setStoreKey(e.target.value)} aria-label={M.whatIf.changeStore} data-testid="areas-change-store">
            <option value="">{M.whatIf.chooseStore}</option>
            {stores.filter((s) => !s.offNetworkReason).map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </select>
          <button className="link" disabled={!storeKey} onClick={() => addChange({ action: 'close', key: storeKey, label: M.whatIf.closeLabel(storeName(storeKey)) })}>{M.whatIf.close}</button>
          <button className="link" disabled={!storeKey} onClick={() => startMove(storeKey, storeName(storeKey))} data-testid="areas-move">{M.whatIf.move}</button>
          <input type="number" min={1} value={resizeTo} onChange={(e) => setResizeTo(Number(e.target.value) || 1)} className="areas-num" aria-label={M.whatIf.attractiveness} />
          <button className="link" disabled={!storeKey} onClick={() => addChange({ action: 'resize', key: storeKey, attractiveness: resizeTo, label: M.whatIf.resizeLabel(storeName(storeKey), resizeTo) })}>{M.whatIf.resize}</button>
        </div>
      )}
      <ul className="areas-changes small" aria-label={M.whatIf.changes} data-testid="areas-changes">
        {changes.length === 0 && <li className="muted">{M.whatIf.noChanges}</li>}
        {changes.map((c, i) => (
          <li key={i}>
            {c.label}
            {(c.action === 'add' || c.action === 'move') && Array.isArray(c.at) && <span className="muted"> ({M.whatIf.candidateAt(c.at[0], c.at[1])})</span>}{' '}
            <button className="link" onClick={() => setAreas((s) => withoutChange(s, i))}>{M.whatIf.remove}</button>
          </li>
        ))}
      </ul>
      <ComputeButton tab="whatif" />
      <WhatIfResultView />
      <Scenarios />
    </div>
  );
}

function WhatIfResultView() {
  const r = areasStore.use((s) => s.results.whatif);
  const name = areasStore.use((s) => s.whatIf.scenarioName);
  if (!r) return null;
  return (
    <div className="areas-result" data-testid="areas-whatif-result">
      <p className="small"><Labels synthetic={r.synthetic} modelled /> <strong>{M.whatIf.ownNetwork(r.ownNetworkBase, r.ownNetworkNew, r.ownNetworkDelta)}</strong></p>
      <table className="areas-table areas-table-dense" data-testid="areas-whatif-table">
        <caption>{M.whatIf.tableCaption}</caption>
        <thead>
          <tr><th>{M.huff.store}</th><th>{M.whatIf.base}</th><th>{M.whatIf.after}</th><th title={M.whatIf.capturedTitle}>{M.whatIf.captured}</th><th title={M.whatIf.cannibalisedTitle}>{M.whatIf.cannibalised}</th></tr>
        </thead>
        <tbody>
          {r.changedRows.map((s) => (
            <tr key={s.key} data-change={s.change}>
              <th scope="row"><span className={`areas-dot ${s.change === 'add' ? 'candidate' : s.role}`} />{s.name}{s.change !== 'none' && <span className="muted"> · {M.whatIf.changeLabel(s.change)}</span>}</th>
              <td>{int(s.baseDemand)}</td>
              <td title={`${M.whatIf.delta} ${signed(s.deltaDemand)}`}>{int(s.newDemand)}</td>
              <td>{int(s.capturedFromCompetitors)}</td>
              <td>{int(s.cannibalisedFromOwn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted tiny">{r.demandLabel}</p>
      <OffNetwork report={r.offNetwork} names={storeNames(r.stores)} />
      <form className="areas-save-form small" onSubmit={(e) => (e.preventDefault(), void saveScenario())}>
        <input value={name} onChange={(e) => setScenarioName(e.target.value)} aria-label={M.whatIf.scenarioName} placeholder={M.whatIf.scenarioName} data-testid="areas-scenario-name" />
        <button className="toggle" type="submit" disabled={!name.trim()} data-testid="areas-save-scenario">{M.whatIf.saveScenario}</button>
      </form>
    </div>
  );
}
