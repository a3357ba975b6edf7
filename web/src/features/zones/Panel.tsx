import { useEffect, useState } from 'react';
import { M, ZONE_KIND_LABELS } from '../../lib/messages/zones';
import {
  deleteZone, describeZone, duplicateZone, loadZones, openZone, renameZone, runCompare, saveEditMembers, startEditMembers, toggleCompare, undoDelete,
} from './actions';
import { CreateZone } from './CreateZone';
import { formatDate, methodLabel } from './format';
import { MAX_COMPARED, zonesStore } from './slice';
import type { ZoneSummary } from './types';
import './zones.css';

/** The Zones section: saved zones (kind, method, size, version, date), creation, edits, compare. */
export function Panel() {
  const { list, compareIds, notes, deleted, edit } = zonesStore.use((s) => s);
  useEffect(() => void loadZones(), []);
  return (
    <section className="panel zones-panel" aria-label={M.panelTitle} data-testid="zones-panel">
      <header>
        <div>
          <div className="eyebrow">{M.panelEyebrow}</div>
          <h2 className="zones-title">{M.panelTitle}</h2>
        </div>
        {compareIds.length >= 2 && (
          <button className="toggle on" onClick={() => void runCompare()} data-testid="zones-compare">{M.compareSelected(compareIds.length)}</button>
        )}
      </header>
      <CreateZone />
      {notes.length > 0 && (
        <ul className="zone-notes small" role="status">
          {notes.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      )}
      {deleted && (
        <p className="zone-undo small" role="status">
          {M.deleted(deleted.name)} <button className="link" onClick={() => void undoDelete()}>{M.undo}</button>
        </p>
      )}
      {edit && (
        <p className="notice small" role="status">
          {M.editPending(edit.add.length, edit.remove.length)}{' '}
          <button className="link" onClick={() => void saveEditMembers()} disabled={edit.add.length + edit.remove.length === 0}>
            {M.editSave((zonesStore.get().list?.find((z) => z.id === edit.zoneId)?.version ?? 0) + 1)}
          </button>
        </p>
      )}
      {list === null ? (
        <p className="muted small">{M.loading}</p>
      ) : list.length === 0 ? (
        <p className="muted small">{M.empty}</p>
      ) : (
        <>
          {compareIds.length < 2 && list.length >= 2 && <p className="muted tiny">{M.compareHint}</p>}
          <ul className="zone-list" data-testid="zone-list">
            {list.map((z) => <ZoneRow key={z.id} zone={z} compared={compareIds.includes(z.id)} compareFull={compareIds.length >= MAX_COMPARED} />)}
          </ul>
        </>
      )}
    </section>
  );
}

function ZoneRow({ zone: z, compared, compareFull }: { zone: ZoneSummary; compared: boolean; compareFull: boolean }) {
  const open = zonesStore.use((s) => s.openId === z.id);
  const [mode, setMode] = useState<null | 'rename' | 'describe' | 'delete'>(null);
  const [text, setText] = useState('');
  const start = (m: 'rename' | 'describe') => (setText(m === 'rename' ? z.name : (z.description ?? '')), setMode(m));
  const submit = async () => {
    setMode(null);
    if (mode === 'rename' && text.trim() && text !== z.name) await renameZone(z.id, text.trim());
    if (mode === 'describe' && text !== (z.description ?? '')) await describeZone(z.id, text);
  };
  return (
    <li className={`zone-row ${open ? 'open' : ''}`} data-zone-id={z.id}>
      <div className="zone-row-main">
        <input type="checkbox" checked={compared} disabled={!compared && compareFull} onChange={() => toggleCompare(z.id)} aria-label={`${M.actions.compare} ${z.name}`} title={compareFull && !compared ? M.compareMax : M.actions.compare} />
        <button className="zone-name link" onClick={() => void openZone(z.id)} title={M.actions.profile}>{z.name}</button>
        <span className="zone-version" title={`Version ${z.version}`}>{M.version(z.version)}</span>
      </div>
      <div className="zone-meta tiny muted">
        <span>{ZONE_KIND_LABELS[z.kind] ?? z.kind}</span> · <span>{methodLabel(z)}</span> · <span>{M.communes(z.communeCount)}</span> · <span>{M.inhabitants(z.populationCount)}</span> · <span title={M.updated(z.updatedAt)}>{formatDate(z.updatedAt)}</span>
      </div>
      {mode === 'rename' || mode === 'describe' ? (
        <form className="zone-inline" onSubmit={(e) => (e.preventDefault(), void submit())}>
          {mode === 'rename' ? (
            <input autoFocus value={text} onChange={(e) => setText(e.target.value)} aria-label={M.nameLabel} />
          ) : (
            <textarea autoFocus rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-label="Description" />
          )}
          <button className="toggle on" type="submit">OK</button>
          <button className="link small" type="button" onClick={() => setMode(null)}>{M.cancel}</button>
        </form>
      ) : mode === 'delete' ? (
        <div className="zone-inline small" role="alertdialog" aria-label={M.confirmDelete(z.name)}>
          {M.confirmDelete(z.name)}{' '}
          <button className="toggle danger" onClick={() => (setMode(null), void deleteZone(z.id))}>{M.yes}</button>
          <button className="link small" onClick={() => setMode(null)}>{M.no}</button>
        </div>
      ) : (
        <div className="zone-row-actions tiny">
          <button className="link" onClick={() => start('rename')}>{M.actions.rename}</button>
          <button className="link" onClick={() => start('describe')}>{M.actions.describe}</button>
          <button className="link" onClick={() => void startEditMembers(z.id)}>{M.actions.edit}</button>
          <button className="link" onClick={() => void duplicateZone(z.id)}>{M.actions.duplicate}</button>
          <button className="link danger" onClick={() => setMode('delete')}>{M.actions.delete}</button>
        </div>
      )}
    </li>
  );
}
