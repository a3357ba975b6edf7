import { useState } from 'react';
import { closeActor, correctLink, healthStore } from './state';
import { ActivityChart, type Establishment } from './ActivityChart';
import { Competitors } from './Competitors';
import { fmt, pct, range, statusLabel } from './format';
import { HEALTH } from '../../lib/messages/health';

function EstablishmentBlock({ e }: { e: Establishment }) {
  const last = e.caseMix;
  const entity = e.activityScope === 'entity';
  return (
    <div className="health-establishment" data-testid="health-establishment">
      <div className="eyebrow" data-testid="health-activity-scope">PMSI · {e.activityLabel} · {HEALTH.sheet.entityKind(e.finessKind)} {e.finess}</div>
      <strong>{e.name ?? '—'}</strong> <span className="muted small">{e.category ?? ''} · {e.sector === 'public' ? 'public / ESPIC' : 'privé lucratif'}</span>
      {entity && <p className="notice small" role="note">{HEALTH.sheet.entityNotice(e.siteCount)}</p>}
      <ActivityChart e={e} />
      {last && (
        <dl className="key-figures health-figures">
          <div><dt>{HEALTH.sheet.staysOf(last.year, entity)}</dt><dd>{range(last.stays)}</dd></div>
          <div><dt>Hospit. complète</dt><dd>{range(last.fullHospitalisation)}</dd></div>
          <div><dt>Hospit. partielle</dt><dd>{range(last.partialHospitalisation)}</dd></div>
          <div><dt>Séances</dt><dd>{range(last.sessions)}</dd></div>
          <div><dt>Âge moyen · DMS</dt><dd>{last.meanAgeYears?.toFixed(1).replace('.', ',') ?? '—'} a · {last.meanLengthOfStayDays?.toFixed(1).replace('.', ',') ?? '—'} j</dd></div>
          <div><dt>Hommes · décès</dt><dd>{pct(last.maleRatio, 0)} · {pct(last.deathRatio)}</dd></div>
        </dl>
      )}
      {e.sites.length > 1 && <p className="muted tiny">{e.sites.length} sites rattachés : {e.sites.slice(0, 4).map((s) => s.name).join(' ; ')}{e.sites.length > 4 ? ' ; …' : ''}</p>}
    </div>
  );
}

/** Attach this site to a PMSI establishment by its FINESS (EJ for public hospitals): stored as an override. */
function LinkByHand({ et }: { et: string }) {
  const [ej, setEj] = useState('');
  return (
    <form className="health-link-form tiny" onSubmit={(e) => { e.preventDefault(); if (ej.trim()) void correctLink(ej.trim().toUpperCase(), et, true); }}>
      <span className="muted">Autre entité :</span> <input value={ej} onChange={(e) => setEj(e.target.value)} placeholder="FINESS EJ" aria-label="FINESS de l'entité à rattacher" size={14} />
      <button type="submit" className="link">rattacher</button>
    </form>
  );
}

const ZONES_SHOWN = 4;
const CONFIDENCE: Record<string, string> = { exact: 'exact', high: 'confiance élevée', medium: 'confiance moyenne' };
/** The linkage's reasons (data/health/links.csv, English) in French for the sheet. */
const reasonFr = (r: string) => r
  .replace(/^same FINESS number$/, 'même numéro FINESS').replace(/^user override$/, 'correction manuelle')
  .replace(/^name ([\d.]+)$/, 'nom $1').replace(/^city (.+) in EJ name$/, 'ville $1 dans le nom de l’entité')
  .replace(/^category compatible$/, 'catégorie compatible').replace(/^site of group (.+)$/, 'site du groupe $1')
  .replace(/^C\.H\.R\. site in the CHU's département$/, 'site C.H.R. du département du CHU');

/** The "360°" sheet of a site: identity, links to its legal entity, activity, attractiveness zone, competitors. */
export function ActorSheet() {
  const sheet = healthStore.use((s) => s.sheet);
  const zone = healthStore.use((s) => s.attractiveness);
  const busy = healthStore.use((s) => s.busy);
  if (!sheet) return busy ? <p className="muted small">Chargement…</p> : null;
  const site = sheet.site;
  const zoneNames = new Map((zone?.geojson.features ?? []).map((f) => [f.properties.code, f.properties.name]));
  return (
    <section className="panel sheet health-sheet" aria-label="Fiche acteur de santé" data-testid="health-actor-sheet">
      <header>
        <div>
          <div className="eyebrow">Acteur de santé · FINESS {site?.finess ?? sheet.establishments[0]?.finess}</div>
          <h2>{site?.name ?? sheet.establishments[0]?.name}</h2>
          {site && <div className="muted small">{site.category} · {statusLabel(site.status)}<br />{[site.address, site.postcode, site.city].filter(Boolean).join(' ')}</div>}
        </div>
        <button className="icon" onClick={closeActor} aria-label="Fermer la fiche">×</button>
      </header>
      {sheet.links.length > 0 && site && (
        <ul className="muted tiny" data-testid="health-links">
          {sheet.links.map((l) => (
            <li key={l.ej}>
              Rattaché à l'entité {l.ej} ({CONFIDENCE[l.confidence] ?? l.confidence}, score {l.score.toFixed(2).replace('.', ',')} : {l.reasons.map(reasonFr).join(', ')}){' '}
              <button className="link" onClick={() => void correctLink(l.ej, site.finess, false)} title="Corriger : ce site n'appartient pas à cette entité (correction conservée)">détacher</button>
            </li>
          ))}
        </ul>
      )}
      {site && <LinkByHand et={site.finess} />}
      {sheet.establishments.length === 0 && <p className="notice small">Aucune activité PMSI rattachée à ce site (rattachement absent ou site sans activité MCO).</p>}
      {sheet.establishments.map((e) => <EstablishmentBlock key={e.finess} e={e} />)}
      <Competitors sheet={sheet} />
      {zone && (
        <div className="health-zone" data-testid="health-attractiveness">
          <div className="eyebrow">Zone d'attractivité ({pct(zone.thresholdRatio, 0)} des séjours) · {zone.zones.length} codes géo</div>
          {zone.dataset.synthetic
            ? <p className="notice small" role="note" data-testid="health-flows-notice"><strong>{HEALTH.flows.modelled}</strong> ({HEALTH.flows.modelledDetail(zone.dataset.label)}) : {HEALTH.flows.importHint}</p>
            : <p className="small" role="note">{HEALTH.flows.observed(zone.dataset.label)}</p>}
          {zone.zones.length === 0 && <p className="muted small">Aucun séjour de cet établissement dans ce jeu de flux.</p>}
          <table className="small">
            <thead><tr><th>Code géo (domicile)</th><th>Séjours</th><th>Cumul</th><th>Part de marché</th></tr></thead>
            <tbody>
              {zone.zones.slice(0, ZONES_SHOWN).map((z) => (
                <tr key={z.zoneCode}><td>{z.zoneCode} <span className="muted">{zoneNames.get(z.zoneCode) ?? ''}</span></td><td>{fmt(z.staysCount)}</td><td>{pct(z.cumulativeRatio, 0)}</td><td>{pct(z.marketShareRatio)}</td></tr>
              ))}
            </tbody>
          </table>
          {zone.zones.length > ZONES_SHOWN && <p className="muted tiny">… et {zone.zones.length - ZONES_SHOWN} autres codes géo, tous tracés sur la carte.</p>}
        </div>
      )}
      <p className="muted tiny">Sources : FINESS (extrait GISCO du 06/03/2020), ScanSanté PMSI MCO 2015–2024 (ATIH).</p>
    </section>
  );
}
