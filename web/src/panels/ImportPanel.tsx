import { useState } from 'react';
import { LOCATED_VIA_LABEL, PRECISION_LABEL } from '../lib/import-labels';
import { api, ApiRequestError, type ImportPreview, type ImportResult } from '../api/client';

type MappingKey = 'key' | 'name' | 'category' | 'communeCode' | 'postcode' | 'city' | 'lon' | 'lat' | 'x' | 'y' | 'date';
const FIELDS: [MappingKey, string][] = [
  ['key', 'Identifiant (clé) *'], ['name', 'Nom'], ['category', 'Catégorie'], ['communeCode', 'Code commune INSEE'], ['postcode', 'Code postal'],
  ['city', 'Ville'], ['lon', 'Longitude (WGS84)'], ['lat', 'Latitude (WGS84)'], ['x', 'X Lambert-93'], ['y', 'Y Lambert-93'], ['date', 'Date'],
];

/**
 * Multipart POST through XMLHttpRequest: the upload reports its progress (fetch cannot), then the server
 * parses, validates and stores in one transaction (shown as an indeterminate bar).
 */
function postForm(form: FormData, onProgress?: (p: Progress) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', api.layers.imports.$url().toString());
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress?.({ phase: 'upload', ratio: e.lengthComputable ? e.loaded / e.total : null });
    xhr.upload.onload = () => onProgress?.({ phase: 'processing', ratio: null });
    xhr.onload = () => {
      const body = xhr.response as { error?: { code: string; message: string } } | null;
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiRequestError(xhr.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error("Le serveur Maillage ne répond pas : l'import n'a pas été envoyé."));
    xhr.send(form);
  });
}

interface Progress {
  phase: 'upload' | 'processing';
  ratio: number | null;
}

type MeasureChoice = { column: string; type: 'number' | 'category'; unit: string };

/** Import a file: preview → map columns → import (one transaction) → report with the rejected rows. */
export function ImportPanel({ onClose, onImported, onError }: { onClose(): void; onImported(r: ImportResult): void; onError(e: unknown): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<MappingKey, string>>>({});
  const [measures, setMeasures] = useState<MeasureChoice[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('internal');
  const [sourceNote, setSourceNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const [description, setDescription] = useState('');
  const [encoding, setEncoding] = useState('');

  /** Preview of the file (again with another sheet or a forced encoding when the user changes them). */
  const choose = async (f: File | null, options: { sheet?: string; encoding?: string } = {}) => {
    setFile(f);
    setResult(null);
    if (!f) return;
    setBusy(true);
    try {
      const form = new FormData();
      form.set('file', f);
      form.set('preview', 'true');
      if (options.sheet) form.set('sheet', options.sheet);
      if (options.encoding) form.set('encoding', options.encoding);
      const p = (await postForm(form)) as ImportPreview;
      setPreview(p);
      setMapping(Object.fromEntries(Object.entries(p.suggestedMapping).filter(([, v]) => v)) as Partial<Record<MappingKey, string>>);
      setName(f.name.replace(/\.[^.]+$/, ''));
      const used = new Set(Object.values(p.suggestedMapping));
      // A column is proposed as a numeric measure when ≥ 80 % of its non-empty preview values are numbers:
      // a typo in one row must not hide the measure (that row is then rejected with its reason).
      const numeric = (c: string) => {
        const filled = p.rows.map((r) => String(r.values[c] ?? '').trim()).filter(Boolean);
        const numbers = filled.filter((v) => /^-?[\d\s  ]*([.,]\d+)?$/.test(v) && /\d/.test(v));
        return filled.length > 0 && numbers.length >= 0.8 * filled.length;
      };
      setMeasures(p.columns.filter((c) => !used.has(c) && numeric(c)).map((column) => ({ column, type: 'number', unit: '' })));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const form = new FormData();
      form.set('file', file);
      form.set('name', name);
      form.set('kind', kind);
      form.set('sourceNote', sourceNote);
      form.set('description', description);
      if (encoding) form.set('encoding', encoding);
      if (preview.sheet) form.set('sheet', preview.sheet);
      form.set('mapping', JSON.stringify({ ...mapping, measures: measures.map((m) => ({ column: m.column, type: m.type, ...(m.unit.trim() ? { unit: m.unit.trim() } : {}) })) }));
      setProgress({ phase: 'upload', ratio: 0 });
      const r = (await postForm(form, setProgress)) as ImportResult;
      setResult(r);
      onImported(r);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const measureOf = (c: string) => measures.find((m) => m.column === c);
  const setMeasure = (c: string, patch: Partial<MeasureChoice> | null) =>
    setMeasures(patch === null ? measures.filter((m) => m.column !== c) : measureOf(c) ? measures.map((m) => (m.column === c ? { ...m, ...patch } : m)) : [...measures, { column: c, type: 'number', unit: '', ...patch }]);

  return (
    <section className="panel import" aria-label="Importer des données" data-testid="import-panel">
      <header>
        <div>
          <div className="eyebrow">Importer des données</div>
          <h2>CSV, XLSX ou GeoJSON</h2>
        </div>
        <button className="icon" onClick={onClose} aria-label="Fermer l'import">×</button>
      </header>
      <input type="file" accept=".csv,.txt,.xlsx,.geojson,.json" onChange={(e) => choose(e.target.files?.[0] ?? null)} data-testid="import-file" />
      {busy && <ProgressBar progress={progress} />}
      {preview && !result && (
        <>
          <p className="muted small">
            {preview.rowCount.toLocaleString('fr-FR')} lignes · {preview.format.toUpperCase()}
            {preview.delimiter ? ` · séparateur « ${preview.delimiter} »` : ''}
          </p>
          <div className="mapping">
            {preview.sheets && preview.sheets.length > 1 && (
              <label>
                <span>Feuille</span>
                <select value={preview.sheet ?? ''} onChange={(e) => choose(file, { sheet: e.target.value })} aria-label="Feuille">
                  {preview.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </label>
            )}
            {preview.format === 'csv' && (
              <label>
                <span>Encodage (détecté : {preview.encoding})</span>
                <select value={encoding} onChange={(e) => (setEncoding(e.target.value), choose(file, { encoding: e.target.value || undefined }))} aria-label="Encodage">
                  <option value="">automatique</option>
                  <option value="utf-8">UTF-8</option>
                  <option value="windows-1252">Windows-1252 (Excel)</option>
                </select>
              </label>
            )}
          </div>
          <div className="preview-table">
            <table>
              <thead><tr>{preview.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
              <tbody>{preview.rows.slice(0, 5).map((r) => <tr key={r.row}>{preview.columns.map((c) => <td key={c}>{String(r.values[c] ?? '')}</td>)}</tr>)}</tbody>
            </table>
          </div>
          <div className="mapping">
            {FIELDS.map(([k, label]) => (
              <label key={k}>
                <span>{label}</span>
                <select value={mapping[k] ?? ''} onChange={(e) => setMapping({ ...mapping, [k]: e.target.value || undefined })} aria-label={label}>
                  <option value="">—</option>
                  {preview.columns.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </label>
            ))}
          </div>
          <fieldset className="measures">
            <legend className="small">Mesures (valeurs gardées typées, agrégeables)</legend>
            {preview.columns.filter((c) => !Object.values(mapping).includes(c)).map((c) => {
              const m = measureOf(c);
              return (
                <div key={c} className="measure-row small">
                  <span className="measure-col">{c}</span>
                  <select value={m?.type ?? ''} onChange={(e) => setMeasure(c, e.target.value ? { type: e.target.value as MeasureChoice['type'] } : null)} aria-label={`Mesure ${c}`}>
                    <option value="">ignorée</option>
                    <option value="number">nombre</option>
                    <option value="category">catégorie</option>
                  </select>
                  {m?.type === 'number' && <input value={m.unit} onChange={(e) => setMeasure(c, { unit: e.target.value })} placeholder="unité (EUR…)" aria-label={`Unité de ${c}`} size={8} />}
                </div>
              );
            })}
          </fieldset>
          <div className="mapping">
            <label><span>Nom de la couche</span><input value={name} onChange={(e) => setName(e.target.value)} aria-label="Nom de la couche" /></label>
            <label>
              <span>Type</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Type de couche">
                <option value="internal">interne (CRM…)</option>
                <option value="external">externe (achetée)</option>
                <option value="computed">calculée</option>
              </select>
            </label>
            <label><span>Source</span><input value={sourceNote} onChange={(e) => setSourceNote(e.target.value)} aria-label="Source" placeholder="ex. export CRM du 01/11" /></label>
            <label><span>Description</span><input value={description} onChange={(e) => setDescription(e.target.value)} aria-label="Description" placeholder="contenu, périmètre, date" /></label>
          </div>
          <button className="primary" onClick={submit} disabled={busy || !mapping.key || !name}>Importer</button>
        </>
      )}
      {result && (
        <div className="report" data-testid="import-report">
          <p>
            <strong>{result.report.imported.toLocaleString('fr-FR')}</strong> lignes importées, <strong>{result.report.rejected.toLocaleString('fr-FR')}</strong> rejetées
            sur {result.report.rowsRead.toLocaleString('fr-FR')}.
          </p>
          <p className="small muted">
            Localisation : {Object.entries(result.report.byLocatedVia).map(([k, v]) => `${LOCATED_VIA_LABEL[k] ?? k} ${v.toLocaleString('fr-FR')}`).join(' · ')}
          </p>
          <p className="small muted">
            Précision : {Object.entries(result.report.byPrecision).map(([k, v]) => `${PRECISION_LABEL[k] ?? k} ${v.toLocaleString('fr-FR')}`).join(' · ')}
          </p>
          {result.report.duplicateKeys.length > 0 && (
            <p className="small">
              Clés en double : {result.report.duplicateKeys.slice(0, 10).map((d) => `${d.key} (lignes ${d.rows.join(', ')})`).join(' ; ')}
              {result.report.duplicateKeys.length > 10 ? ` et ${result.report.duplicateKeys.length - 10} autres` : ''}
            </p>
          )}
          {result.report.rejects.length > 0 && (
            <>
              <table className="rejects">
                <thead><tr><th>Ligne</th><th>Champ</th><th>Motif</th></tr></thead>
                <tbody>
                  {result.report.rejects.slice(0, 50).flatMap((r) => r.errors.map((e, i) => (
                    <tr key={`${r.row}-${i}`}><td>{r.row}</td><td>{e.field}</td><td>{e.reason}</td></tr>
                  )))}
                </tbody>
              </table>
              {result.report.rejects.length > 50 && <p className="muted tiny">50 premières lignes rejetées affichées sur {result.report.rejects.length} : le CSV les contient toutes.</p>}
              <a className="small" data-testid="rejects-csv" href={api.layers[':id']['rejects.csv'].$url({ param: { id: result.layer!.id } }).toString()} download>
                Télécharger les rejets (CSV)
              </a>
            </>
          )}
        </div>
      )}
    </section>
  );
}



function ProgressBar({ progress }: { progress: Progress | null }) {
  const ratio = progress?.phase === 'upload' ? progress.ratio : null;
  const label = !progress ? 'Lecture du fichier…' : progress.phase === 'upload' ? `Envoi du fichier${ratio !== null ? ` ${Math.round(ratio * 100)} %` : '…'}` : 'Validation, géocodage et enregistrement (une transaction)…';
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className={`progress ${ratio === null ? 'indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={ratio === null ? undefined : Math.round(ratio * 100)} aria-busy="true">
        <span style={ratio === null ? undefined : { width: `${ratio * 100}%` }} />
      </div>
      <div className="muted tiny">{label}</div>
    </div>
  );
}
