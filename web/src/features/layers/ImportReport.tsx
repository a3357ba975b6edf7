import { useMemo } from 'react';
import { LOCATED_VIA_LABEL, PRECISION_LABEL, reportCsv, reportLines, type ImportReportData } from './import-labels';
import { formatNumber } from '../../lib/messages';
import { importText as T } from '../../lib/messages/imports';

const SHOWN = 50;

/**
 * The result screen of an import: what was stored (or that nothing was), how rows were located, then every
 * rejected row and every warning (row, field, reason), with the whole report as a CSV.
 */
export function ImportReport({ report, reportUrl, layerName }: { report: ImportReportData; reportUrl: string | null; layerName: string }) {
  const lines = useMemo(() => reportLines(report), [report]);
  const stored = report.stored !== false;
  // Nothing stored (422): no layer to download the report from, so the browser writes it from the answer.
  const localCsv = useMemo(
    () => (stored || !lines.length ? null : URL.createObjectURL(new Blob([reportCsv(report, T.headers, T.severity)], { type: 'text/csv;charset=utf-8' }))),
    [stored, lines.length, report],
  );
  const join = (counts: Record<string, number>, labels: Record<string, string>) => Object.entries(counts).map(([k, v]) => `${labels[k] ?? k} ${formatNumber(v)}`).join(' · ');
  const warnings = lines.filter((l) => l.severity === 'warning');
  return (
    <div className={`report${stored ? '' : ' report-failed'}`} data-testid="import-report" data-stored={stored}>
      {!stored && (
        <div className="report-banner" role="status" data-testid="import-nothing-stored">
          <strong>{T.nothingStored}</strong> {report.onRowError === 'abort' && (report.valid ?? 0) > 0 ? T.nothingStoredAbort(report.valid ?? 0) : T.nothingStoredNoValid}
        </div>
      )}
      <p>{T.imported(report.imported, report.rejected, report.rowsRead)}</p>
      {stored && Object.keys(report.byLocatedVia).length > 0 && (
        <>
          <p className="small muted">{T.locatedVia} : {join(report.byLocatedVia, LOCATED_VIA_LABEL)}</p>
          <p className="small muted">{T.precision} : {join(report.byPrecision, PRECISION_LABEL)}</p>
        </>
      )}
      {report.duplicateKeys.length > 0 && (
        <p className="small">
          {T.duplicates} : {report.duplicateKeys.slice(0, 10).map((d) => T.duplicateRows(d.key, d.rows)).join(' ; ')}
          {report.duplicateKeys.length > 10 ? T.andMore(report.duplicateKeys.length - 10) : ''}
        </p>
      )}
      {warnings.length > 0 && <p className="small report-warning-count" data-testid="import-warnings">⚠ {T.warningsTitle(report.warned ?? warnings.length)}</p>}
      {lines.length > 0 && (
        <>
          <div className="rejects-scroll">
            <table className="rejects">
              <thead>
                <tr><th>{T.headers.row}</th><th>{T.headers.field}</th><th>{T.headers.reason}</th></tr>
              </thead>
              <tbody>
                {lines.slice(0, SHOWN).map((l, i) => (
                  <tr key={`${l.row}-${i}`} className={l.severity === 'warning' ? 'warning' : 'error'} data-severity={l.severity}>
                    <td className="num">{l.row}</td>
                    <td>{l.field}</td>
                    <td>{l.severity === 'warning' ? <span className="badge warning">{T.severity.warning}</span> : null} {l.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {lines.length > SHOWN && <p className="muted tiny">{T.firstShown(SHOWN, lines.length)}</p>}
          {stored && reportUrl && (
            <a className="small" data-testid="rejects-csv" href={reportUrl} download>
              {T.downloadReport}
            </a>
          )}
          {localCsv && (
            <a className="small" data-testid="rejects-csv" href={localCsv} download={T.reportFileName(layerName)}>
              {T.downloadReportLocal}
            </a>
          )}
        </>
      )}
    </div>
  );
}
