import { useState } from 'react';
import { AREAS as M, int } from '../../lib/messages/areas';
import { setDrive } from './actions';
import { areasStore } from './slice';
import { ComputeButton, Field, Labels, MoreRows, OffNetwork, SaveAsZones, cutoffInput, storeNames } from './common';

const TOP = 8;

/** Drive-time areas: bands of N minutes per store (overlapping) or each commune to its nearest store (exclusive). */
export function DriveTab() {
  const d = areasStore.use((s) => s.drive);
  return (
    <div className="areas-tab" data-testid="areas-tab-drive">
      <div className="segmented areas-row" role="radiogroup" aria-label={M.drive.mode}>
        {(['overlapping', 'exclusive'] as const).map((m) => (
          <button key={m} role="radio" aria-checked={d.mode === m} className={d.mode === m ? 'on' : ''} onClick={() => setDrive({ mode: m })}>{M.drive[m]}</button>
        ))}
      </div>
      <div className="areas-grid">
        {d.mode === 'overlapping' ? (
          <Field label={M.drive.breaks}>
            <input value={d.breaksText} onChange={(e) => setDrive({ breaksText: e.target.value })} aria-label={M.drive.breaksAria} size={10} />
          </Field>
        ) : (
          cutoffInput(d.cutoffMin, (cutoffMin) => setDrive({ cutoffMin }))
        )}
      </div>
      <ComputeButton tab="drive" />
      <DriveResultView />
    </div>
  );
}

function DriveResultView() {
  const r = areasStore.use((s) => s.results.drive);
  const [all, setAll] = useState(false);
  if (!r) return null;
  type Row = (typeof r.stores)[number] & { bands?: { breakMin: number; communeCount: number; populationCount: number }[]; communeCount?: number; populationCount?: number };
  const rows = (r.stores as Row[]).filter((s) => !s.offNetworkReason);
  const shown = all ? rows : rows.slice(0, TOP);
  return (
    <div className="areas-result" data-testid="areas-drive-result">
      <p className="small"><Labels synthetic={r.synthetic} modelled={false} /> <span className="muted">{r.timeRule}</span></p>
      <table className="areas-table">
        <thead>
          <tr>
            <th>{M.drive.store}</th>
            {r.mode === 'overlapping' ? (r.breaksMin ?? []).map((m) => <th key={m}>{M.drive.band(m)}</th>) : <><th>{M.drive.communes}</th><th>{M.drive.population}</th></>}
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.name}</th>
              {r.mode === 'overlapping'
                ? (s.bands ?? []).map((b) => <td key={b.breakMin} title={M.drive.bandTitle(b.communeCount)}>{int(b.populationCount)}</td>)
                : <><td>{int(s.communeCount)}</td><td>{int(s.populationCount)}</td></>}
            </tr>
          ))}
        </tbody>
      </table>
      {r.mode === 'overlapping' && <p className="muted tiny">{M.drive.bandsCaption}</p>}
      <MoreRows total={rows.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <OffNetwork report={r.offNetwork} names={storeNames(r.stores)} />
      <SaveAsZones tab="drive" what={M.tabs.drive} stores={r.stores} allLabel={M.save.everyOwn} />
    </div>
  );
}
