import { useState } from 'react';
import { api, call } from '../../api/client';
import { M } from '../../lib/messages/zones';
import { cancelTool, toolStore } from '../../map/tools';
import { createZone, importZones, setCreating, startDrawing } from './actions';
import { parseCodes, zonesStore } from './slice';
import { FilePicker } from '../../components/FilePicker';

/** The four ways to create a zone: draw a polygon, paste codes, pick a territory, import a file. */
export function CreateZone() {
  const creating = zonesStore.use((s) => s.creating);
  return (
    <div className="zone-create">
      <div className="segmented" role="group" aria-label="Créer une zone">
        {(Object.keys(M.create) as (keyof typeof M.create)[]).map((mode) => (
          <button key={mode} className={creating === mode ? 'on' : ''} aria-pressed={creating === mode} onClick={() => setCreating(creating === mode ? null : mode)}>
            {M.create[mode]}
          </button>
        ))}
      </div>
      {creating === 'draw' && <DrawForm />}
      {creating === 'codes' && <CodesForm />}
      {creating === 'admin' && <AdminForm />}
      {creating === 'import' && <ImportForm />}
    </div>
  );
}

function DrawForm() {
  const polygon = zonesStore.use((s) => s.drawnPolygon);
  const busy = zonesStore.use((s) => s.busy);
  const drawing = toolStore.use((s) => s.active?.id === 'draw-polygon');
  const [name, setName] = useState(() => M.defaultDrawnName(new Date()));
  if (!polygon)
    return (
      <p className="small muted">
        {drawing ? M.drawHint : <button className="link" onClick={startDrawing}>{M.create.draw}</button>}
      </p>
    );
  return (
    <form className="zone-form" onSubmit={(e) => (e.preventDefault(), void createZone({ name, kind: 'drawn', method: { type: 'polygon' }, polygon }))}>
      <p className="small">{M.drawDone(polygon.coordinates[0].length - 1)}</p>
      <label className="small">
        {M.nameLabel}
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-label={M.nameLabel} required />
      </label>
      <div className="zone-form-buttons">
        <button className="toggle on" type="submit" disabled={busy}>{M.save}</button>
        <button className="link small" type="button" onClick={() => (cancelTool(), setCreating(null))}>{M.cancel}</button>
      </div>
    </form>
  );
}

function CodesForm() {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const busy = zonesStore.use((s) => s.busy);
  const unknown = zonesStore.use((s) => s.unknownCodes);
  const codes = parseCodes(text);
  return (
    <form className="zone-form" onSubmit={(e) => (e.preventDefault(), void createZone({ name: name || M.defaultListName(codes.length), kind: 'list', method: { type: 'codes' }, codes }))}>
      <label className="small">
        {M.codesLabel}
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={M.codesPlaceholder} aria-label="Codes des communes" />
      </label>
      {unknown.length > 0 && <p className="notice small" role="alert">{M.unknownCodes(unknown)}</p>}
      <label className="small">
        {M.nameLabel}
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={M.defaultListName(codes.length)} aria-label={M.nameLabel} />
      </label>
      <div className="zone-form-buttons">
        <button className="toggle on" type="submit" disabled={busy || codes.length === 0}>{M.save}</button>
        <span className="muted small">{M.communes(codes.length)}</span>
      </div>
    </form>
  );
}

type AdminLevel = 'departement' | 'epci' | 'region';

function AdminForm() {
  const [level, setLevel] = useState<AdminLevel>('departement');
  const [query, setQuery] = useState('');
  const busy = zonesStore.use((s) => s.busy);
  async function submit() {
    const q = query.trim();
    let code = q;
    let name = q;
    // Names of départements and régions resolve through the territory search; EPCI take their SIREN.
    if (level !== 'epci') {
      try {
        const { results } = await call(api.communes.search.$get({ query: { q } }));
        const hit = results.find((r) => r.kind === level && (r.code === q || r.name.toLowerCase() === q.toLowerCase())) ?? results.find((r) => r.kind === level);
        if (!hit) return void zonesStore.set({ notes: [M.adminNotFound(q)] });
        code = hit.code;
        name = hit.name;
      } catch {
        /* the API says it when creating */
      }
    }
    await createZone({ name: level === 'epci' ? `EPCI ${code}` : name, kind: 'admin', method: { type: 'admin', level, code }, admin: { level, code } });
  }
  return (
    <form className="zone-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div className="zone-form-row small">
        <select value={level} onChange={(e) => setLevel(e.target.value as AdminLevel)} aria-label="Niveau">
          {(Object.keys(M.adminLevels) as AdminLevel[]).map((l) => <option key={l} value={l}>{M.adminLevels[l]}</option>)}
        </select>
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={level === 'epci' ? '200058519' : level === 'region' ? '11 ou Île-de-France' : '78 ou Yvelines'} aria-label={M.adminCodeLabel} required />
      </div>
      <div className="zone-form-buttons">
        <button className="toggle on" type="submit" disabled={busy || !query.trim()}>{M.save}</button>
      </div>
    </form>
  );
}

function ImportForm() {
  const busy = zonesStore.use((s) => s.busy);
  const errors = zonesStore.use((s) => s.importErrors);
  return (
    <div className="zone-form">
      <p className="small muted">{M.importHint}</p>
      <FilePicker accept=".csv,.txt,.geojson,.json,text/csv,application/geo+json" disabled={busy} ariaLabel="Fichier de zones" onFile={(f) => void importZones(f)} />
      {errors && (
        <div role="alert">
          <p className="notice small">{errors.message || M.importRejected}</p>
          {errors.rows.length > 0 && (
            <table className="rejects">
              <thead><tr><th>Ligne</th><th>Champ</th><th>Motif</th></tr></thead>
              <tbody>
                {errors.rows.slice(0, 50).map((r, i) => <tr key={i}><td>{r.row}</td><td>{r.field}</td><td>{r.reason}</td></tr>)}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
