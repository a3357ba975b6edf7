import type { IsochroneResult, RoutingStatus } from '../api/client';
import { BAND_COLORS } from '../layers/isochrones';

interface Props {
  status: RoutingStatus | null;
  active: boolean;
  breaksText: string;
  result: IsochroneResult | null;
  busy: boolean;
  onToggle(): void;
  onBreaks(text: string): void;
  onClear(): void;
}

const minutes = (sec: number) => `${Math.round(sec / 60)} min`;

/** Drive-time tool: click the map to draw isochrone bands; communes and population inside from their own drive times. */
export function IsochronePanel({ status, active, breaksText, result, busy, onToggle, onBreaks, onClear }: Props) {
  const available = status?.active === true;
  return (
    <section className="panel tool" aria-label="Temps de trajet" data-testid="isochrone-panel">
      <header>
        <div className="eyebrow">Temps de trajet en voiture</div>
        <button className={`toggle ${active ? 'on' : ''}`} onClick={onToggle} disabled={!available} aria-pressed={active}>
          {active ? 'Cliquez sur la carte…' : 'Isochrones'}
        </button>
      </header>
      {!available && <p className="muted small">{status ? `Indisponible : ${status.reason}` : 'Chargement…'}</p>}
      {available && (
        <label className="small">
          Seuils (minutes){' '}
          <input value={breaksText} onChange={(e) => onBreaks(e.target.value)} aria-label="Seuils en minutes" size={10} />
        </label>
      )}
      {busy && <p className="muted small">Calcul…</p>}
      {result && (
        <>
          <table className="bands">
            <thead>
              <tr><th /> <th>Communes</th><th>Population</th></tr>
            </thead>
            <tbody>
              {result.bands.map((b, i) => (
                <tr key={b.breakSec}>
                  <td><span className="swatch" style={{ background: `rgb(${BAND_COLORS[i % BAND_COLORS.length].join(',')})` }} /> ≤ {minutes(b.breakSec)}</td>
                  <td>{b.communeCount.toLocaleString('fr-FR')}</td>
                  <td>{b.populationCount.toLocaleString('fr-FR')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary className="small">Communes ({result.communes.length})</summary>
            <ol className="small communes-list">
              {result.communes.slice(0, 200).map((c) => (
                <li key={c.code}>{c.name} — {minutes(c.durationSec ?? 0)}</li>
              ))}
            </ol>
          </details>
          <button className="link small" onClick={onClear}>Effacer</button>
        </>
      )}
      {status?.attribution && <p className="muted tiny">Réseau : {status.source} · {status.attribution}</p>}
    </section>
  );
}
