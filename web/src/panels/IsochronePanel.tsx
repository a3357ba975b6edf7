import { useEffect } from 'react';
import { api, call } from '../api/client';
import { BAND_COLORS } from '../lib/palette';
import { handleError } from '../state/actions';
import { patchSlice, workspace } from '../state/workspace';

const minutes = (sec: number) => `${Math.round(sec / 60)} min`;

async function computeIsochrone(origin: [number, number]) {
  const breaksMin = workspace.get().isochrone.breaksText.split(/[,; ]+/).filter(Boolean).map(Number);
  patchSlice('isochrone', { busy: true });
  try {
    patchSlice('isochrone', { result: await call(api.routing.isochrones.$post({ json: { origin, breaksMin } })) });
  } catch (e) {
    handleError(e);
  } finally {
    patchSlice('isochrone', { busy: false });
  }
}

/** Registry hook: while the tool is on, a map click is the origin of the isochrones. */
export function isochroneMapClick(lngLat: [number, number]): boolean {
  if (!workspace.get().isochrone.active) return false;
  void computeIsochrone(lngLat);
  return true;
}

/** Drive-time tool: click the map to draw isochrone bands; communes and population inside from their own drive times. */
export function IsochronePanel() {
  const { status, active, breaksText, result, busy } = workspace.use((s) => s.isochrone);
  useEffect(() => {
    call(api.routing.status.$get())
      .then((s) => patchSlice('isochrone', { status: s }))
      .catch(handleError);
  }, []);
  const available = status?.active === true;
  return (
    <section className="panel tool" aria-label="Temps de trajet" data-testid="isochrone-panel">
      <header>
        <div className="eyebrow">Temps de trajet en voiture</div>
        <button className={`toggle ${active ? 'on' : ''}`} onClick={() => patchSlice('isochrone', { active: !active })} disabled={!available} aria-pressed={active}>
          {active ? 'Cliquez sur la carte…' : 'Isochrones'}
        </button>
      </header>
      {!available && <p className="muted small">{status ? `Indisponible : ${status.reason}` : 'Chargement…'}</p>}
      {available && (
        <label className="small">
          Seuils (minutes){' '}
          <input value={breaksText} onChange={(e) => patchSlice('isochrone', { breaksText: e.target.value })} aria-label="Seuils en minutes" size={10} />
        </label>
      )}
      {busy && <p className="muted small">Calcul…</p>}
      {result && (
        <>
          <table className="bands">
            <thead>
              <tr>
                <th /> <th>Communes</th>
                <th>Population</th>
              </tr>
            </thead>
            <tbody>
              {result.bands.map((b, i) => (
                <tr key={b.breakSec}>
                  <td>
                    <span className="swatch" style={{ background: `rgb(${BAND_COLORS[i % BAND_COLORS.length].join(',')})` }} /> ≤ {minutes(b.breakSec)}
                  </td>
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
                <li key={c.code}>
                  {c.name} — {minutes(c.durationSec ?? 0)}
                </li>
              ))}
            </ol>
          </details>
          <button className="link small" onClick={() => patchSlice('isochrone', { result: null })}>
            Effacer
          </button>
        </>
      )}
      {status?.attribution && (
        <p className="muted tiny">
          Réseau : {status.source} · {status.attribution}
        </p>
      )}
    </section>
  );
}
