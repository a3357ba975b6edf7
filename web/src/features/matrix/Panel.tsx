import { useEffect, useMemo, type FormEvent } from 'react';
import {
  MAX_MATRIX_POINTS, addEntries, addIsochroneCommunes, addOpenCommune, clearList, computeMatrix, downloadMatrixCsv, effectiveDestinations,
  loadMatrixStatus, summarizeMatrix, unreachableLabel, type MatrixList,
  matrixStore, type MatrixCommune, type MatrixResult,
} from './state';
import { workspace } from '../../state/workspace';
import { MATRIX } from '../../lib/messages/matrix';

const fr = (n: number) => n.toLocaleString('fr-FR');
const minutes = (sec: number | null) => (sec === null ? '—' : `${(sec / 60).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} min`);
const km = (m: number | null) => (m === null ? '—' : `${(m / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`);
const PREVIEW_ROWS = 8;
const LIST_LABEL: Record<MatrixList, string> = { origins: 'Origines', destinations: 'Destinations' };

/**
 * Drive-time matrix tool: origins and destinations from commune names (« Saint-Denis (93) ») or codes, départements, the open commune or the
 * communes of the current isochrone; summary, first pairs, and the CSV (with provenance) from the API.
 */
export function MatrixPanel() {
  const { open, status, target, input, origins, destinations, result, error, busy } = matrixStore.use((s) => s);
  const sheet = workspace.use((s) => s.sheet?.data ?? null);
  const isochroneCommunes = workspace.use((s) => s.isochrone.result?.communes ?? null);
  useEffect(() => loadMatrixStatus(), []);
  const available = status?.active === true;
  const n = origins.length;
  const m = effectiveDestinations({ origins, destinations }).length;
  const over = n > MAX_MATRIX_POINTS || m > MAX_MATRIX_POINTS;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void addEntries(target, input);
  };
  return (
    <section className="panel tool matrix" aria-label="Matrice de temps de trajet" data-testid="matrix-panel">
      <header>
        <div className="eyebrow">Matrice de temps de trajet</div>
        <button className={`toggle ${open ? 'on' : ''}`} onClick={() => matrixStore.set({ open: !open })} disabled={!available} aria-expanded={open}>
          {open ? 'Fermer' : 'Matrice'}
        </button>
      </header>
      {!available && <p className="muted small">{status ? `Indisponible : ${status.reason}` : 'Chargement…'}</p>}
      {available && open && (
        <>
          <div className="segmented matrix-target" role="group" aria-label="Ajouter aux">
            {(['origins', 'destinations'] as const).map((list) => (
              <button key={list} className={target === list ? 'on' : ''} aria-pressed={target === list} onClick={() => matrixStore.set({ target: list })}>
                {LIST_LABEL[list]}
              </button>
            ))}
          </div>
          <form className="matrix-add" onSubmit={submit}>
            <input
              value={input}
              onChange={(e) => matrixStore.set({ input: e.target.value })}
              aria-label={MATRIX.inputLabel}
              placeholder={MATRIX.placeholder}
              title={MATRIX.hint}
            />
            <button className="link" type="submit" disabled={busy || !input.trim()}>
              Ajouter
            </button>
          </form>
          <div className="matrix-quick small">
            {sheet && (
              <button className="link" onClick={() => addOpenCommune(target)}>
                + {sheet.name}
              </button>
            )}
            {!!isochroneCommunes?.length && (
              <button className="link" onClick={() => addIsochroneCommunes(target)}>
                + communes de l’isochrone ({fr(isochroneCommunes.length)})
              </button>
            )}
          </div>
          <SelectionLine list="origins" communes={origins} />
          <SelectionLine list="destinations" communes={destinations} />
          <p className="small matrix-size" data-testid="matrix-size">
            {fr(n)} × {fr(m)} = {fr(n * m)} couples
          </p>
          {over && (
            <p className="notice small" role="alert">
              Au-delà de {fr(MAX_MATRIX_POINTS)} × {fr(MAX_MATRIX_POINTS)}, l’API refusera le calcul : réduisez la sélection ou découpez-la en blocs.
            </p>
          )}
          {error && (
            <p className="notice small" role="alert" data-testid="matrix-error">
              {error}
            </p>
          )}
          <button className="primary" onClick={() => void computeMatrix()} disabled={!n || busy}>
            {busy ? 'Calcul…' : 'Calculer'}
          </button>
          {result && <MatrixResultView result={result} />}
        </>
      )}
      {open && status?.attribution && (
        <p className="muted tiny">
          Réseau : {status.source} · {status.attribution}
        </p>
      )}
    </section>
  );
}

function SelectionLine({ list, communes }: { list: MatrixList; communes: MatrixCommune[] }) {
  const names = communes.slice(0, 4).map((c) => c.name);
  return (
    <div className="small matrix-list" data-testid={`matrix-${list}`}>
      <strong>{LIST_LABEL[list]}</strong> ({fr(communes.length)}) :{' '}
      {communes.length ? (
        <>
          <span title={communes.map((c) => `${c.code} ${c.name}`).join('\n')}>
            {names.join(', ')}
            {communes.length > names.length ? `, … (+${fr(communes.length - names.length)})` : ''}
          </span>{' '}
          <button className="link" onClick={() => clearList(list)} aria-label={`Vider les ${LIST_LABEL[list].toLowerCase()}`}>
            vider
          </button>
        </>
      ) : (
        <span className="muted">{list === 'destinations' ? 'les origines' : 'aucune'}</span>
      )}
    </div>
  );
}

function MatrixResultView({ result }: { result: MatrixResult }) {
  const { origins, destinations, matrix } = result;
  const summary = useMemo(() => summarizeMatrix(matrix.durationSec), [matrix]);
  const preview = useMemo(() => {
    const rows: { i: number; j: number }[] = [];
    for (let i = 0; i < origins.length && rows.length < PREVIEW_ROWS; i++) for (let j = 0; j < destinations.length && rows.length < PREVIEW_ROWS; j++) rows.push({ i, j });
    return rows;
  }, [origins, destinations]);
  return (
    <div className="matrix-result" data-testid="matrix-result">
      <dl className="key-figures" data-testid="matrix-summary">
        <div>
          <dt>couples</dt>
          <dd>{fr(summary.pairCount)}</dd>
        </div>
        <div>
          <dt>avec trajet</dt>
          <dd>{Math.round(summary.reachableRatio * 100)} %</dd>
        </div>
        <div>
          <dt>médiane / max</dt>
          <dd>
            {minutes(summary.medianDurationSec).replace(' min', '')} / {minutes(summary.maxDurationSec)}
          </dd>
        </div>
      </dl>
      <table className="matrix-preview" data-testid="matrix-preview">
        <thead>
          <tr>
            <th>Origine</th>
            <th>Destination</th>
            <th>Durée</th>
            <th>Distance</th>
          </tr>
        </thead>
        <tbody>
          {preview.map(({ i, j }) => {
            const durationSec = matrix.durationSec[i][j];
            return (
              <tr key={`${i}-${j}`}>
                <td>{origins[i].name}</td>
                <td>{destinations[j].name}</td>
                {durationSec === null ? (
                  <td colSpan={2} className="muted">
                    {unreachableLabel(matrix, i, j)}
                  </td>
                ) : (
                  <>
                    <td className="num">{minutes(durationSec)}</td>
                    <td className="num">{km(matrix.distanceM[i][j])}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {summary.pairCount > preview.length && <p className="muted tiny">{fr(preview.length)} premiers couples sur {fr(summary.pairCount)}.</p>}
      <button className="link" onClick={() => void downloadMatrixCsv()} data-testid="matrix-csv">
        Télécharger CSV ({fr(summary.pairCount)} lignes)
      </button>
    </div>
  );
}
