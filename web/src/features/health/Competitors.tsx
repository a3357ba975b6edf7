import { useEffect, useState } from 'react';
import { healthStore, loadCompetitors, openActor, type HealthActorSheet } from './state';
import { fmt, km, minutes, range, statusLabel } from './format';
import { HEALTH } from '../../lib/messages/health';

const SHOWN = 12;

/** Other hospital sites within N minutes of this one by car (drive times on the road network, never crow-fly). */
export function Competitors({ sheet }: { sheet: HealthActorSheet }) {
  const state = healthStore.use((s) => s.competitors);
  const [n, setN] = useState(String(state.maxMinutes));
  useEffect(() => setN(String(state.maxMinutes)), [state.maxMinutes]);
  const site = sheet.site;
  if (!site) return null;
  if (!sheet.competitors.available) {
    return (
      <div className="health-competitors" data-testid="health-competitors">
        <div className="eyebrow">Concurrents à N minutes</div>
        <p className="notice small" title={sheet.competitors.reason ?? ''}>
          Temps de trajet indisponibles : le réseau routier n'est pas chargé (ou pas encore prêt). Les concurrents ne sont jamais estimés à vol d'oiseau.
        </p>
      </div>
    );
  }
  const value = Number(n.replace(',', '.'));
  const valid = Number.isFinite(value) && value > 0 && value <= 180;
  const data = state.data;
  const list = data?.competitors ?? [];
  return (
    <div className="health-competitors" data-testid="health-competitors">
      <div className="eyebrow">Concurrents par temps de trajet</div>
      <form className="health-n" onSubmit={(e) => { e.preventDefault(); if (valid) void loadCompetitors(site.finess, value); }}>
        <label>
          À moins de{' '}
          <input type="number" min={1} max={180} step={1} value={n} onChange={(e) => setN(e.target.value)} aria-label="Temps de trajet maximal en minutes" data-testid="health-competitors-minutes" />
          {' '}min en voiture
        </label>
        <button type="submit" className="link" disabled={!valid || state.busy}>{state.busy ? 'calcul…' : 'calculer'}</button>
        <label className="health-activity-filter">
          {HEALTH.competitors.filterLabel}{' '}
          <select value={state.activity} onChange={(e) => valid && void loadCompetitors(site.finess, value, e.target.value as 'mco' | 'all')} data-testid="health-competitors-activity">
            {HEALTH.competitors.filterOptions.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </label>
      </form>
      {!valid && <p className="small" role="alert">Choisissez une durée entre 1 et 180 minutes.</p>}
      {state.error && <p className="notice small" role="alert">{state.error}</p>}
      {data && (
        <>
          <p className="small" data-testid="health-competitors-summary">
            <strong>{fmt(data.competitorCount)} concurrent{data.competitorCount > 1 ? 's' : ''}</strong> à moins de {data.maxMinutes} min
            {data.sameEstablishmentCount > 0 && <> · {data.sameEstablishmentCount} site{data.sameEstablishmentCount > 1 ? 's' : ''} de la même entité</>}
          </p>
          <p className="muted tiny" data-testid="health-competitors-filter">{data.activityFilter.label}</p>
          {list.length > 0 && (
            <table className="small health-competitor-table">
              <thead><tr><th>Site</th><th>Trajet</th><th>Séjours {data.year}</th></tr></thead>
              <tbody>
                {list.slice(0, SHOWN).map((c) => (
                  <tr key={c.finess} className={c.sameEstablishment ? 'sister' : undefined}>
                    <td>
                      <button className="link plain" onClick={() => void openActor(c.finess)} title={`${c.category} · ${statusLabel(c.status)} · FINESS ${c.finess}`}>{c.name}</button>
                      <div className="muted tiny-line">{c.city ?? ''}{c.sameEstablishment ? ' · même entité' : c.sameCategory ? ' · même catégorie' : ''}</div>
                    </td>
                    <td className="num">{minutes(c.durationSec)}<div className="muted tiny-line">{km(c.distanceM)}</div></td>
                    <td className="num">{range(c.stays ? { min: c.stays.min, max: c.stays.max } : null)}{(c.establishment?.siteCount ?? 0) > 1 && <div className="muted tiny-line">{HEALTH.competitors.entityStays(c.establishment!.siteCount!)}</div>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.length > SHOWN && <p className="muted tiny">… et {list.length - SHOWN} autres sites (cerclés sur la carte).</p>}
          <p className="muted tiny">{HEALTH.competitors.staysNote(data.network.source ?? data.network.name ?? '')}</p>
        </>
      )}
    </div>
  );
}
