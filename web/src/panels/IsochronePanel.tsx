import { useEffect } from 'react';
import { api, call, type IsochroneResult } from '../api/client';
import { BAND_COLORS } from '../lib/palette';
import { handleError } from '../state/actions';
import { healthStore } from '../state/health';
import { patchSlice, workspace } from '../state/workspace';

const minutes = (sec: number) => `${Math.round(sec / 60)} min`;
const fr = (n: number) => n.toLocaleString('fr-FR');

type Origin = [number, number] | { communeCode: string };

async function computeIsochrone(origin: Origin, label: string | null) {
  const breaksMin = workspace.get().isochrone.breaksText.split(/[,; ]+/).filter(Boolean).map(Number);
  patchSlice('isochrone', { busy: true, originLabel: label });
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
  void computeIsochrone(lngLat, null);
  return true;
}

/**
 * Drive-time tool: click the map (or start from the open commune or hospital site) to draw isochrone bands;
 * communes, population, customers of the visible layers and hospital sites inside, each from its own drive time.
 */
export function IsochronePanel() {
  const { status, active, breaksText, result, busy, originLabel } = workspace.use((s) => s.isochrone);
  const commune = workspace.use((s) => s.sheet?.data);
  const site = healthStore.use((s) => s.sheet?.site ?? null);
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
        <div className="small iso-controls">
          <label>
            Seuils (minutes){' '}
            <input value={breaksText} onChange={(e) => patchSlice('isochrone', { breaksText: e.target.value })} aria-label="Seuils en minutes" size={10} />
          </label>
          {commune && (
            <button className="link" onClick={() => void computeIsochrone({ communeCode: commune.code }, commune.name)}>
              Depuis {commune.name}
            </button>
          )}
          {site?.point && (
            <button className="link" onClick={() => void computeIsochrone(site.point, site.name)}>
              Depuis {site.name}
            </button>
          )}
        </div>
      )}
      {busy && <p className="muted small">Calcul…</p>}
      {result && <IsochroneResultView result={result} originLabel={originLabel} />}
      {status?.attribution && (
        <p className="muted tiny">
          Réseau : {status.source} · {status.attribution}
        </p>
      )}
    </section>
  );
}

function IsochroneResultView({ result, originLabel }: { result: IsochroneResult; originLabel: string | null }) {
  const synthetic = result.layers.some((l) => l.synthetic);
  return (
    <div data-testid="isochrone-result">
      <p className="small">
        Depuis {originLabel ?? `${result.origin.lat.toFixed(4)}, ${result.origin.lon.toFixed(4)}`}
        {synthetic && (
          <span className="badge synthetic" title="Les clients comptés incluent la couche de démonstration synthétique">
            clients synthétiques
          </span>
        )}
      </p>
      <table className="bands">
        <thead>
          <tr>
            <th />
            <th>Communes</th>
            <th>Population</th>
            <th title="Points des couches visibles, chacun par son propre temps de trajet">Clients</th>
            <th title="Sites hospitaliers FINESS">Établ.</th>
          </tr>
        </thead>
        <tbody>
          {result.bands.map((b, i) => (
            <tr key={b.breakSec}>
              <td>
                <span className="swatch" style={{ background: `rgb(${BAND_COLORS[i % BAND_COLORS.length].join(',')})` }} /> ≤ {minutes(b.breakSec)}
              </td>
              <td>{fr(b.communeCount)}</td>
              <td>{fr(b.populationCount)}</td>
              <td>{fr(b.customerCount)}</td>
              <td>{fr(b.healthSiteCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.layers.length > 1 && (
        <table className="bands">
          <tbody>
            {result.layers.map((l) => (
              <tr key={l.layerId}>
                <td>
                  {l.name}
                  {l.synthetic ? ' (synthétique)' : ''}
                </td>
                {l.countByBreak.map((n, k) => (
                  <td key={k}>{fr(n)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary className="small">Communes ({result.communes.length})</summary>
        <ol className="small communes-list">
          {result.communes.slice(0, 200).map((c) => (
            <li key={c.code}>
              {c.name} — {minutes(c.durationSec)}
            </li>
          ))}
        </ol>
      </details>
      <details data-testid="isochrone-sites">
        <summary className="small">Établissements de santé ({result.healthSites.length})</summary>
        <ol className="small communes-list">
          {result.healthSites.map((s) => (
            <li key={s.finess}>
              {s.name} ({s.city ?? s.finess}) — {minutes(s.durationSec)}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary className="small">
          Clients les plus proches ({result.customers.length}
          {result.customers.length < result.bands.at(-1)!.customerCount ? ` sur ${fr(result.bands.at(-1)!.customerCount)}` : ''})
        </summary>
        <ol className="small communes-list">
          {result.customers.slice(0, 200).map((c) => (
            <li key={`${c.layerId}:${c.key}`}>
              {c.name ?? c.key}
              {c.category ? ` · ${c.category}` : ''} — {minutes(c.durationSec)}
            </li>
          ))}
        </ol>
      </details>
      <button className="link small" onClick={() => patchSlice('isochrone', { result: null, originLabel: null })}>
        Effacer
      </button>
    </div>
  );
}
