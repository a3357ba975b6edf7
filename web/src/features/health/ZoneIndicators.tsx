import { useState } from 'react';
import { workspace } from '../../state/workspace';
import {
  computeZoneIndicators, downloadZoneCsv, healthDrawing, healthZoneStore, setFlowDataset, startDrawing, type ZoneSelection,
} from './zones-state';
import { HEALTH } from '../../lib/messages/health';
import { cancelTool, finishPolygon, toolStore } from '../../map/tools';
import { fmt, pct } from './format';

type Kind = ZoneSelection['kind'];
const KINDS: [Kind, string, string][] = (['departement', 'communes', 'zones', 'polygon'] as Kind[]).map((k) => [k, ...HEALTH.zoneTool.kinds[k]]);
const Z = HEALTH.zoneTool;
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
        <span className="muted tiny-line">{Z.flowsLabel}</span>
        <select value={datasetId} onChange={(e) => setFlowDataset(e.target.value)} aria-label={Z.flowsAria}>
          {(datasets ?? [{ id: datasetId, label: datasetId, synthetic: true }]).map((d) => (
            <option key={d.id} value={d.id}>{Z.datasetOption(d.id, d.synthetic)}</option>
          ))}
        </select>
      </label>
      <div className="health-zone-pick">
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label={Z.kindAria}>
          {KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select>
        {kind !== 'polygon' ? (
          <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
            <input value={text} onChange={(e) => setText(e.target.value)} placeholder={kind === 'communes' && openCommune ? Z.openCommune(openCommune) : KINDS.find(([k]) => k === kind)![2]} aria-label={Z.codesAria} data-testid="health-zone-codes" />
            <button type="submit" className="link" disabled={busy}>{Z.compute}</button>
          </form>
        ) : drawing ? (
          <span className="small">
            {HEALTH.zone.points(vertexCount)}{' '}
            <button className="link" onClick={() => finishPolygon()} disabled={vertexCount < 3}>{HEALTH.zone.finish}</button>{' '}
            <button className="link" onClick={cancelTool}>{HEALTH.zone.cancel}</button>
          </span>
        ) : (
          <button className="link" onClick={startDrawing}>{Z.draw}</button>
        )}
      </div>
      {busy && <p className="muted small">{Z.computing}</p>}
      {result && selection && (
        <div data-testid="health-zone-result">
          {dataset?.synthetic
            ? <p className="notice small" role="note"><strong>{HEALTH.flows.modelled}</strong> — {HEALTH.flows.modelledDetail(result.dataset.label)}.</p>
            : <p className="small" role="note">{HEALTH.flows.observed(result.dataset.label)}</p>}
          <p className="muted tiny-line">{Z.counts(fmt(result.zoneCodes.length), fmt(result.establishmentsInside.length))}</p>
          <dl className="key-figures">
            <div><dt>{Z.residentStays}</dt><dd>{fmt(Math.round(result.residentStaysCount))}</dd></div>
            <div><dt>{Z.autarky}</dt><dd>{pct(result.autarkyRatio)}</dd></div>
            <div><dt>{Z.leakage}</dt><dd>{pct(result.leakageRatio)}</dd></div>
          </dl>
          <table className="small health-zone-table">
            <thead><tr>{Z.tableHead.map((h) => <th key={h}>{h}</th>)}</tr></thead>
            <tbody>
              {result.byEstablishment.slice(0, SHOWN).map((e) => (
                <tr key={e.finess}><td>{e.name ?? e.finess}{e.inside ? ' ●' : ''}</td><td className="num">{fmt(Math.round(e.staysCount))}</td><td className="num">{pct(e.shareRatio)}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted tiny">{Z.insideNote(pct(result.attractionRatio))}</p>
          <button className="link" onClick={() => void downloadZoneCsv()} data-testid="health-zone-csv">{Z.exportCsv(fmt(result.byEstablishment.length))}</button>
        </div>
      )}
    </div>
  );
}
