import { useEffect, useState } from 'react';
import { HEALTH_CATEGORY_COLORS } from '../layers/health';
import { closeActor, correctLink, healthStore, showHospitals, showPmsiZones, type HealthActorSheet } from '../state/health';

type Establishment = HealthActorSheet['establishments'][number];
type Point = Establishment['activity'][number];

const fmt = (n: number) => n.toLocaleString('fr-FR');
const range = (r: { min: number; max: number } | null) => (!r ? '—' : r.min === r.max ? fmt(r.min) : `${fmt(r.min)} à ${fmt(r.max)} (masqué)`);
const pct = (r: number | null | undefined, digits = 1) => (r === null || r === undefined ? '—' : `${(100 * r).toFixed(digits).replace('.', ',')} %`);

/** Stays 2015–2024: a line through exact years, a bar for masked ("1 à 10") ranges, the least-squares trend dashed. */
function ActivityChart({ e }: { e: Establishment }) {
  const pts = e.activity.filter((p: Point) => p.stays);
  if (!pts.length) return <p className="muted small">Pas d'activité MCO publiée.</p>;
  const W = 300, H = 110, L = 44, B = 18;
  const years = [2015, 2024];
  const maxV = Math.max(...pts.map((p: Point) => p.stays!.max), 1);
  const x = (y: number) => L + ((y - years[0]) / (years[1] - years[0])) * (W - L - 16);
  const y = (v: number) => H - B - (v / maxV) * (H - B - 8);
  const exact = pts.filter((p: Point) => p.stays!.min === p.stays!.max);
  const path = exact.map((p: Point, i: number) => `${i ? 'L' : 'M'}${x(p.year).toFixed(1)},${y(p.stays!.min).toFixed(1)}`).join(' ');
  const t = e.trend;
  const mean = exact.reduce((a: number, p: Point) => a + p.stays!.min, 0) / Math.max(1, exact.length);
  const midYear = exact.reduce((a: number, p: Point) => a + p.year, 0) / Math.max(1, exact.length);
  return (
    <figure className="health-chart" data-testid="health-activity-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Séjours MCO 2015–2024 de ${e.name ?? e.finess}`}>
        <line x1={L} y1={H - B} x2={W - 6} y2={H - B} stroke="#999" />
        <text x={L - 4} y={y(maxV) + 4} fontSize="9" textAnchor="end">{fmt(maxV)}</text>
        <text x={L - 4} y={H - B} fontSize="9" textAnchor="end">0</text>
        {[2015, 2018, 2021, 2024].map((yr) => <text key={yr} x={x(yr)} y={H - 4} fontSize="9" textAnchor="middle">{yr}</text>)}
        {t && <line x1={x(t.fromYear)} y1={y(mean + t.slopeStaysPerYear * (t.fromYear - midYear))} x2={x(t.toYear)} y2={y(mean + t.slopeStaysPerYear * (t.toYear - midYear))} stroke="#e4572e" strokeDasharray="4 3" />}
        <path d={path} fill="none" stroke="#1f78b4" strokeWidth="2" />
        {pts.map((p: Point) => p.stays!.min === p.stays!.max
          ? <circle key={p.year} cx={x(p.year)} cy={y(p.stays!.min)} r="2.5" fill="#1f78b4"><title>{`${p.year} : ${fmt(p.stays!.min)} séjours`}</title></circle>
          : <line key={p.year} x1={x(p.year)} x2={x(p.year)} y1={y(p.stays!.min)} y2={y(p.stays!.max)} stroke="#1f78b4" strokeWidth="4"><title>{`${p.year} : ${range(p.stays)}`}</title></line>)}
      </svg>
      <figcaption className="muted small">
        Séjours et séances MCO (ScanSanté, PMSI). {t ? <>Tendance {t.fromYear}–{t.toYear} : <strong>{t.annualChangeRatio >= 0 ? '+' : ''}{pct(t.annualChangeRatio)} par an</strong>{t.yearsLeftOut.length ? ` (années masquées exclues : ${t.yearsLeftOut.join(', ')})` : ''}.</> : 'Tendance non calculable.'}
      </figcaption>
    </figure>
  );
}

function EstablishmentBlock({ e }: { e: Establishment }) {
  const last = e.caseMix;
  return (
    <div className="health-establishment">
      <div className="eyebrow">Activité PMSI · {e.finessKind === 'EJ' ? 'entité juridique' : 'établissement'} {e.finess}</div>
      <strong>{e.name ?? '—'}</strong> <span className="muted small">{e.category ?? ''} · {e.sector === 'public' ? 'public / ESPIC' : 'privé lucratif'}</span>
      <ActivityChart e={e} />
      {last && (
        <dl className="figures">
          <div className="row"><dt>Séjours {last.year}</dt><dd>{range(last.stays)}</dd></div>
          <div className="row"><dt>Hospit. complète / partielle</dt><dd>{range(last.fullHospitalisation)} / {range(last.partialHospitalisation)}</dd></div>
          <div className="row"><dt>Séances</dt><dd>{range(last.sessions)}</dd></div>
          <div className="row"><dt>Âge moyen · DMS</dt><dd>{last.meanAgeYears?.toFixed(1).replace('.', ',') ?? '—'} ans · {last.meanLengthOfStayDays?.toFixed(2).replace('.', ',') ?? '—'} j</dd></div>
          <div className="row"><dt>Hommes · décès</dt><dd>{pct(last.maleRatio)} · {pct(last.deathRatio)}</dd></div>
        </dl>
      )}
      {e.sites.length > 1 && <p className="muted small">{e.sites.length} sites rattachés : {e.sites.slice(0, 6).map((s) => s.name).join(' ; ')}{e.sites.length > 6 ? ' ; …' : ''}</p>}
    </div>
  );
}

/** Attach this site to a PMSI establishment by its FINESS (EJ for public hospitals): stored as an override. */
function LinkByHand({ et }: { et: string }) {
  const [ej, setEj] = useState('');
  return (
    <form className="row tiny" onSubmit={(e) => { e.preventDefault(); if (ej.trim()) void correctLink(ej.trim().toUpperCase(), et, true); }}>
      <input value={ej} onChange={(e) => setEj(e.target.value)} placeholder="FINESS de l'entité (EJ)" aria-label="FINESS de l'entité à rattacher" size={14} />
      <button type="submit">rattacher</button>
    </form>
  );
}

function ActorSheet() {
  const sheet = healthStore.use((s) => s.sheet);
  const zone = healthStore.use((s) => s.attractiveness);
  const busy = healthStore.use((s) => s.busy);
  if (!sheet) return busy ? <p className="muted small">Chargement…</p> : null;
  const site = sheet.site;
  return (
    <section className="panel sheet" aria-label="Fiche acteur de santé" data-testid="health-actor-sheet">
      <header>
        <div>
          <div className="eyebrow">Acteur de santé · FINESS {site?.finess ?? sheet.establishments[0]?.finess}</div>
          <h2>{site?.name ?? sheet.establishments[0]?.name}</h2>
          {site && <div className="muted small">{site.category} · {site.status === 'public' ? 'public' : site.status === 'private' ? 'privé' : 'statut non renseigné'}<br />{[site.address, site.postcode, site.city].filter(Boolean).join(' ')}</div>}
        </div>
        <button className="icon" onClick={closeActor} aria-label="Fermer la fiche">×</button>
      </header>
      {sheet.links.length > 0 && site && (
        <ul className="muted tiny" data-testid="health-links">
          {sheet.links.map((l) => (
            <li key={l.ej}>
              Rattaché à l'entité {l.ej} ({l.confidence}, {l.score.toFixed(2)} : {l.reasons.join(', ')}){' '}
              <button className="link" onClick={() => void correctLink(l.ej, site.finess, false)} title="Corriger : ce site n'appartient pas à cette entité (correction conservée)">détacher</button>
            </li>
          ))}
        </ul>
      )}
      {site && <LinkByHand et={site.finess} />}
      {sheet.establishments.length === 0 && <p className="notice small">Aucune activité PMSI rattachée à ce site (rattachement absent ou site sans activité MCO).</p>}
      {sheet.establishments.map((e) => <EstablishmentBlock key={e.finess} e={e} />)}
      {zone && (
        <div className="health-zone" data-testid="health-attractiveness">
          <div className="eyebrow">Zone d'attractivité ({pct(zone.thresholdRatio, 0)} des séjours) · {zone.zones.length} codes géo</div>
          <p className="notice small" role="note"><strong>Flux modélisés, non observés</strong> — {zone.dataset.label}. Importez un fichier « origine des patients » pour des flux réels.</p>
          <table className="small">
            <thead><tr><th>Code géo</th><th>Séjours</th><th>Cumul</th><th>Part de marché</th></tr></thead>
            <tbody>
              {zone.zones.slice(0, 8).map((z) => (
                <tr key={z.zoneCode}><td>{z.zoneCode}</td><td>{fmt(z.staysCount)}</td><td>{pct(z.cumulativeRatio, 0)}</td><td>{pct(z.marketShareRatio)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Concurrents à N minutes : {sheet.competitors.reason}</p>
      <p className="muted tiny">Sources : FINESS (extrait GISCO du 06/03/2020), ScanSanté PMSI MCO 2015–2024 (ATIH).</p>
    </section>
  );
}

/** Hospital sites layer toggle with its legend, and the actor sheet of the clicked site. */
export function HealthPanel() {
  const visible = healthStore.use((s) => s.visible);
  const count = healthStore.use((s) => s.actors?.length ?? null);
  const selected = healthStore.use((s) => s.selected);
  const zonesShown = healthStore.use((s) => s.zones !== null);
  const zonesTruncated = healthStore.use((s) => s.zones?.truncated ?? false);
  useEffect(() => {
    if (new URLSearchParams(location.hash.slice(1)).get('hospitals') === '1') void showHospitals(true);
  }, []);
  return (
    <>
      <section className="panel tool" aria-label="Établissements de santé" data-testid="health-panel">
        <label className="row" style={{ display: 'flex', gap: 6 }}>
          <input type="checkbox" checked={visible} onChange={(e) => void showHospitals(e.target.checked)} data-testid="health-toggle" />
          <span>Établissements de santé (FINESS){count !== null ? ` · ${fmt(count)} sites` : ''}</span>
        </label>
        <label className="row" style={{ display: 'flex', gap: 6 }}>
          <input type="checkbox" checked={zonesShown} onChange={(e) => void showPmsiZones(e.target.checked)} data-testid="health-zones-toggle" />
          <span>Codes géographiques PMSI (ATIH 2017) de la vue{zonesTruncated ? ' — tronqué, zoomez' : ''}</span>
        </label>
        {visible && (
          <ul className="legend-list small">
            {HEALTH_CATEGORY_COLORS.map(([label, [r, g, b]]) => (
              <li key={label}><span className="swatch" style={{ background: `rgb(${r},${g},${b})`, display: 'inline-block', width: 10, height: 10, borderRadius: 5, marginRight: 6 }} />{label}</li>
            ))}
            <li className="muted">Taille : séjours MCO 2024 ; cerclé blanc : privé. Cliquez un site pour sa fiche.</li>
          </ul>
        )}
      </section>
      {selected && <ActorSheet />}
    </>
  );
}
