import { useState } from 'react';
import { workspace } from '../../state/workspace';
import {
  computeZoneIndicators, downloadZoneCsv, healthDrawing, healthZoneStore, setFlowDataset, startDrawing, type ZoneSelection,
} from './zones-state';
import { HEALTH } from '../../lib/messages/health';
import { cancelTool, finishPolygon, toolStore } from '../../map/tools';
import { fmt, pct } from './format';

type Kind = ZoneSelection['kind'];
const KINDS: [Kind, string, string][] = [
  ['departement', 'Département', 'ex. 01, 2A'],
  ['communes', 'Communes (codes INSEE)', 'ex. 01053, 01451'],
  ['zones', 'Codes géo PMSI', 'ex. 01000, 01090'],
  ['polygon', 'Polygone dessiné', ''],
];
const codes = (text: string) => text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
const SHOWN = 10;

/** Stays by establishment, market shares, leakage and autarky of a zone, with its CSV export. */
export function ZoneIndicators() {
  const { datasets, datasetId, result, busy, selection } = healthZoneStore.use((s) => s);
  const drawing = toolStore.use((t) => healthDrawing(t));
  const vertexCount = toolStore.use((t) => (healthDrawing(t) ? t.vertices.length : 0));
  const openCommune = workspace.use((s) => s.sheet?.data.code ?? null);
  const [kind, setKind] = useState<Kind>('departement');
  const [text, setText] = useState('');
  const submit = () => {
    const list = codes(text.length ? text : kind === 'communes' ? openCommune ?? '' : '');
    if (!list.length) return;
    if (kind === 'departement') void computeZoneIndicators({ kind, code: list[0] });
    else if (kind === 'communes' || kind === 'zones') void computeZoneIndicators({ kind, codes: list });
  };
  const dataset = datasets?.find((d) => d.id === datasetId) ?? result?.dataset ?? null;
  return (
    <div className="health-zone-tool" data-testid="health-zone-tool">
      <label className="field">
        <span className="muted tiny-line">Flux patients</span>
        <select value={datasetId} onChange={(e) => setFlowDataset(e.target.value)} aria-label="Jeu de flux patients">
          {(datasets ?? [{ id: datasetId, label: datasetId, synthetic: true }]).map((d) => (
            <option key={d.id} value={d.id}>{d.synthetic ? `${d.id} — modélisé, non observé` : `${d.id} — observé (import)`}</option>
          ))}
        </select>
      </label>
      <div className="health-zone-pick">
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="Type de zone">
          {KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select>
        {kind !== 'polygon' ? (
          <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
            <input value={text} onChange={(e) => setText(e.target.value)} placeholder={kind === 'communes' && openCommune ? `commune ouverte : ${openCommune}` : KINDS.find(([k]) => k === kind)![2]} aria-label="Codes de la zone" data-testid="health-zone-codes" />
            <button type="submit" className="link" disabled={busy}>calculer</button>
          </form>
        ) : drawing ? (
          <span className="small">
            {HEALTH.zone.points(vertexCount)}{' '}
            <button className="link" onClick={() => finishPolygon()} disabled={vertexCount < 3}>{HEALTH.zone.finish}</button>{' '}
            <button className="link" onClick={cancelTool}>{HEALTH.zone.cancel}</button>
          </span>
        ) : (
          <button className="link" onClick={startDrawing}>dessiner sur la carte</button>
        )}
      </div>
      {busy && <p className="muted small">Calcul…</p>}
      {result && selection && (
        <div data-testid="health-zone-result">
          {dataset?.synthetic
            ? <p className="notice small" role="note"><strong>{HEALTH.flows.modelled}</strong> — {HEALTH.flows.modelledDetail(result.dataset.label)}.</p>
            : <p className="small" role="note">{HEALTH.flows.observed(result.dataset.label)}</p>}
          <p className="muted tiny-line">{fmt(result.zoneCodes.length)} codes géo PMSI · {fmt(result.establishmentsInside.length)} établissements situés dans la zone</p>
          <dl className="key-figures">
            <div><dt>Séjours des résidents</dt><dd>{fmt(Math.round(result.residentStaysCount))}</dd></div>
            <div><dt>Autarcie</dt><dd>{pct(result.autarkyRatio)}</dd></div>
            <div><dt>Fuite</dt><dd>{pct(result.leakageRatio)}</dd></div>
          </dl>
          <table className="small health-zone-table">
            <thead><tr><th>Établissement (séjours des résidents)</th><th>Séjours</th><th>Part</th></tr></thead>
            <tbody>
              {result.byEstablishment.slice(0, SHOWN).map((e) => (
                <tr key={e.finess}><td>{e.name ?? e.finess}{e.inside ? ' ●' : ''}</td><td className="num">{fmt(Math.round(e.staysCount))}</td><td className="num">{pct(e.shareRatio)}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted tiny">● situé dans la zone. Attraction (séjours venus d'ailleurs chez ces établissements) : {pct(result.attractionRatio)}.</p>
          <button className="link" onClick={() => void downloadZoneCsv()} data-testid="health-zone-csv">Exporter en CSV ({fmt(result.byEstablishment.length)} établissements)</button>
        </div>
      )}
    </div>
  );
}
