import { useState } from 'react';
import { api, ApiRequestError, type ImportPreview, type ImportResult } from '../../api/client';
import { FilePicker } from '../../components/FilePicker';
import type { ImportReportData, SuggestedMeasure } from './import-labels';
import { importText as T } from '../../lib/messages/imports';
import { ImportReport } from './ImportReport';

type MappingKey = 'key' | 'name' | 'category' | 'communeCode' | 'postcode' | 'city' | 'lon' | 'lat' | 'x' | 'y' | 'date';
const FIELDS: [MappingKey, string][] = [
  ['key', 'Identifiant (clé) *'], ['name', 'Nom'], ['category', 'Catégorie'], ['communeCode', 'Code commune INSEE'], ['postcode', 'Code postal'],
  ['city', 'Ville'], ['lon', 'Longitude (WGS84)'], ['lat', 'Latitude (WGS84)'], ['x', 'X Lambert-93'], ['y', 'Y Lambert-93'], ['date', 'Date'],
];

/** The preview as the API sends it now: notices (e.g. a sheet without data) and typed measure suggestions. */
type Preview = ImportPreview & { notices?: string[]; suggestedMeasures?: SuggestedMeasure[]; sheetRowCounts?: Record<string, number> };
/** An import's outcome: stored (200), or refused with its report (422: nothing stored). */
type Outcome = { layer: ImportResult['layer']; report: ImportReportData };

/** A refusal that carries the import report (422: no valid row, or "tout ou rien" with rejects). */
class ImportRefused extends ApiRequestError {
  constructor(status: number, code: string, message: string, readonly report: ImportReportData) {
    super(status, code, message);
  }
}

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
      const body = xhr.response as { error?: { code: string; message: string; details?: { report?: ImportReportData } } } | null;
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else if (body?.error?.details?.report) reject(new ImportRefused(xhr.status, body.error.code, body.error.message, body.error.details.report));
      else reject(new ApiRequestError(xhr.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error(T.serverDown));
    xhr.send(form);
  });
}

interface Progress {
  phase: 'upload' | 'processing';
  ratio: number | null;
}

type MeasureChoice = { column: string; type: 'number' | 'category'; unit: string; numberKind?: string };

/** Import a file: preview → map columns → import (one transaction) → report with the rejected rows. */
export function ImportPanel({ onClose, onImported, onError }: { onClose(): void; onImported(r: ImportResult): void; onError(e: unknown): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<MappingKey, string>>>({});
  const [measures, setMeasures] = useState<MeasureChoice[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('internal');
  const [sourceNote, setSourceNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Outcome | null>(null);
  const [onRowError, setOnRowError] = useState<'keep' | 'abort'>('keep');
  const [fileError, setFileError] = useState<string | null>(null);

  const [description, setDescription] = useState('');
  const [encoding, setEncoding] = useState('');

  /** Preview of the file (again with another sheet or a forced encoding when the user changes them). */
  const choose = async (f: File | null, options: { sheet?: string; encoding?: string } = {}) => {
    setFile(f);
    setResult(null);
    setFileError(null);
    if (!f) return;
    // A new file: the old preview (and its "Importer") goes at once, whether this one reads or fails.
    if (f !== file) setPreview(null);
    setBusy(true);
    try {
      const form = new FormData();
      form.set('file', f);
      form.set('preview', 'true');
      if (options.sheet) form.set('sheet', options.sheet);
      if (options.encoding) form.set('encoding', options.encoding);
      const p = (await postForm(form)) as Preview;
      setPreview(p);
      setMapping(Object.fromEntries(Object.entries(p.suggestedMapping).filter(([, v]) => v)) as Partial<Record<MappingKey, string>>);
      setName(f.name.replace(/\.[^.]+$/, ''));
      // The API proposes the numeric columns (≥ 80 % numbers), typed, with a unit guessed from the name.
      setMeasures((p.suggestedMeasures ?? []).map((m) => ({ column: m.column, type: 'number', unit: m.unit, numberKind: m.numberKind })));
    } catch (e) {
      // Shown in the panel, where the file was chosen (an API refusal: no toast on top of it).
      setPreview(null);
      if (e instanceof ApiRequestError) setFileError(e.message);
      else onError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!file || !preview || preview.rowCount === 0) return;
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
      form.set('onRowError', onRowError);
      form.set('mapping', JSON.stringify({ ...mapping, measures: measures.map((m) => ({ column: m.column, type: m.type, ...(m.unit.trim() ? { unit: m.unit.trim() } : {}) })) }));
      setProgress({ phase: 'upload', ratio: 0 });
      const r = (await postForm(form, setProgress)) as Outcome;
      setResult(r);
      onImported(r as ImportResult);
    } catch (e) {
      // Nothing stored (422): the report says so and why, row by row (no toast on top of it).
      if (e instanceof ImportRefused) setResult({ layer: null, report: e.report });
      else onError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const measureOf = (c: string) => measures.find((m) => m.column === c);
  const setMeasure = (c: string, patch: Partial<MeasureChoice> | null) =>
    setMeasures(patch === null ? measures.filter((m) => m.column !== c) : measureOf(c) ? measures.map((m) => (m.column === c ? { ...m, ...patch } : m)) : [...measures, { column: c, type: 'number', unit: '', ...patch }]);

  const canImport = !busy && !!preview && preview.rowCount > 0 && !!mapping.key && !!name;
  return (
    <section className="panel import" aria-label={T.panel} data-testid="import-panel">
      <header>
        <div>
          <div className="eyebrow">{T.panel}</div>
          <h2>{T.title}</h2>
        </div>
        <button className="icon" onClick={onClose} aria-label={T.close}>×</button>
      </header>
      <FilePicker onFile={(f) => void choose(f)} accept=".csv,.txt,.xlsx,.geojson,.json" label={T.chooseFile} ariaLabel={T.fileLabel} testId="import-file" disabled={busy} />
      {busy && <ProgressBar progress={progress} />}
      {fileError && !preview && (
        <p className="small import-file-error" role="alert" data-testid="import-file-error">
          {T.fileFailed} {fileError}
        </p>
      )}
      {preview && !result && (
        <>
          <p className="muted small">{T.summary(preview.rowCount, preview.format, preview.delimiter)}</p>
          {(preview.notices ?? []).map((n) => (
            <p key={n} className="small import-notice" role="status" data-testid="import-notice">{n}</p>
          ))}
          <div className="mapping">
            {preview.sheets && preview.sheets.length > 1 && (
              <label>
                <span>{T.sheet}</span>
                <select value={preview.sheet ?? ''} onChange={(e) => choose(file, { sheet: e.target.value })} aria-label={T.sheet}>
                  {preview.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </label>
            )}
            {preview.format === 'csv' && (
              <label>
                <span>{T.encoding(preview.encoding)}</span>
                <select value={encoding} onChange={(e) => (setEncoding(e.target.value), choose(file, { encoding: e.target.value || undefined }))} aria-label="Encodage">
                  <option value="">{T.encodingAuto}</option>
                  <option value="utf-8">UTF-8</option>
                  <option value="windows-1252">Windows-1252 (Excel)</option>
                </select>
              </label>
            )}
          </div>
          {preview.rowCount > 0 && (
            <div className="preview-table">
              <table>
                <thead><tr>{preview.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                <tbody>{preview.rows.slice(0, 5).map((r) => <tr key={r.row}>{preview.columns.map((c) => <td key={c}>{String(r.values[c] ?? '')}</td>)}</tr>)}</tbody>
              </table>
            </div>
          )}
          {preview.rowCount > 0 && (
            <>
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
                <legend className="small">{T.measuresLegend}</legend>
                {preview.columns.filter((c) => !Object.values(mapping).includes(c)).map((c) => {
                  const m = measureOf(c);
                  return (
                    <div key={c} className="measure-row small">
                      <span className="measure-col">{c}</span>
                      <select value={m?.type ?? ''} onChange={(e) => setMeasure(c, e.target.value ? { type: e.target.value as MeasureChoice['type'] } : null)} aria-label={`Mesure ${c}`}>
                        <option value="">{T.measureIgnored}</option>
                        <option value="number">{T.measureNumber}{m?.type === 'number' && m.numberKind ? ` ${T.measureKind[m.numberKind]}` : ''}</option>
                        <option value="category">{T.measureCategory}</option>
                      </select>
                      {m?.type === 'number' && <input value={m.unit} onChange={(e) => setMeasure(c, { unit: e.target.value })} placeholder={T.unitPlaceholder} aria-label={`Unité de ${c}`} size={8} />}
                    </div>
                  );
                })}
              </fieldset>
              <div className="mapping">
                <label><span>{T.layerName}</span><input value={name} onChange={(e) => setName(e.target.value)} aria-label={T.layerName} /></label>
                <label>
                  <span>{T.kind}</span>
                  <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Type de couche">
                    {Object.entries(T.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
                  </select>
                </label>
                <label><span>{T.source}</span><input value={sourceNote} onChange={(e) => setSourceNote(e.target.value)} aria-label={T.source} placeholder={T.sourcePlaceholder} /></label>
                <label><span>{T.description}</span><input value={description} onChange={(e) => setDescription(e.target.value)} aria-label={T.description} placeholder={T.descriptionPlaceholder} /></label>
              </div>
              <fieldset className="on-row-error small" data-testid="on-row-error">
                <legend>{T.onRowError}</legend>
                {(['keep', 'abort'] as const).map((v) => (
                  <label key={v}>
                    <input type="radio" name="onRowError" value={v} checked={onRowError === v} onChange={() => setOnRowError(v)} /> {T.onRowErrorChoices[v]}
                  </label>
                ))}
                <div className="muted tiny">{T.onRowErrorNote}</div>
              </fieldset>
            </>
          )}
          <button className="primary" onClick={submit} disabled={!canImport}>{T.submit}</button>
        </>
      )}
      {result && (
        <>
          <ImportReport report={result.report} layerName={name} reportUrl={result.layer ? api.layers[':id']['rejects.csv'].$url({ param: { id: result.layer.id } }).toString() : null} />
          {result.report.stored === false && (
            <button className="link small" onClick={() => setResult(null)}>{T.again}</button>
          )}
        </>
      )}
    </section>
  );
}

function ProgressBar({ progress }: { progress: Progress | null }) {
  const ratio = progress?.phase === 'upload' ? progress.ratio : null;
  const label = !progress ? T.reading : progress.phase === 'upload' ? T.uploading(ratio) : T.processing;
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className={`progress ${ratio === null ? 'indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={ratio === null ? undefined : Math.round(ratio * 100)} aria-busy="true">
        <span style={ratio === null ? undefined : { width: `${ratio * 100}%` }} />
      </div>
      <div className="muted tiny">{label}</div>
    </div>
  );
}
