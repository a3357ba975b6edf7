import { healthZoneStore, importFlowFile } from './zones-state';
import { fmt } from './format';
import { FilePicker } from '../../components/FilePicker';

const SHOWN = 20;

/** Import of a ScanSanté / e-PMSI "origine des patients" file: all rows or none, with the row errors. */
export function FlowImport() {
  const { importing, importReport: r } = healthZoneStore.use((s) => s);
  return (
    <div className="health-flow-import" data-testid="health-flow-import">
      <p className="muted tiny-line">Colonnes attendues : FINESS, année, code géo, séjours (CSV ou XLSX, « 1 à 10 » accepté).</p>
      <FilePicker accept=".csv,.xlsx,text/csv" disabled={importing} ariaLabel="Fichier origine des patients" onFile={(f) => void importFlowFile(f)} />
      {importing && <p className="muted small">Import…</p>}
      {r?.ok && (
        <p className="small" role="status">
          {r.fileName} importé : {r.datasets.map((d) => `${d.id} (${fmt(d.rowCount)} lignes)`).join(', ')}. {r.message}
        </p>
      )}
      {r && !r.ok && (
        <div role="alert">
          <p className="notice small">{r.fileName} : rien n'a été enregistré. {fmt(r.errors.length)} ligne{r.errors.length > 1 ? 's' : ''} en erreur — corrigez-les et réimportez.</p>
          {r.errors.length > 0 && (
            <table className="rejects">
              <thead><tr><th>Ligne</th><th>Champ</th><th>Motif</th></tr></thead>
              <tbody>{r.errors.slice(0, SHOWN).map((e, i) => <tr key={i}><td>{e.row}</td><td>{e.field}</td><td>{e.reason}</td></tr>)}</tbody>
            </table>
          )}
          {r.errors.length === 0 && <p className="muted tiny">{r.message}</p>}
        </div>
      )}
    </div>
  );
}
