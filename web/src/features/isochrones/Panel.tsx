import { useEffect, useState, type FormEvent } from 'react';
import { api, call, type IsochroneResult } from '../../api/client';
import { BAND_COLORS } from '../../lib/palette';
import { handleError } from '../../state/actions';
import { healthStore } from '../health/state';
import { workspace } from '../../state/workspace';
import { toolStore } from '../../map/tools';
import { bandLabel, fr, ISO, minutesUp } from '../../lib/messages/isochrone';
import { DOWNLOADS } from '../../lib/messages/matrix';
import { downloadIsochrone } from './export';
import { clearIsochrone, computeIsochrone, isochroneStore, isochroneToolOn, toggleIsochroneTool } from './state';
import { bandZoneName, saveBandAsZone } from './save-zone';
import './isochrone.css';

/**
 * Drive-time tool: click the map (or start from the open commune or hospital site) to draw isochrone bands;
 * communes, population, customers of the visible layers and hospital sites inside, each from its own drive time.
 */
export function IsochronePanel() {
  const { status, breaksText, result, busy, originLabel } = isochroneStore.use((s) => s);
  const active = toolStore.use((t) => isochroneToolOn(t));
  const commune = workspace.use((s) => s.sheet?.data);
  const site = healthStore.use((s) => s.sheet?.site ?? null);
  useEffect(() => {
    call(api.routing.status.$get())
      .then((s) => isochroneStore.set({ status: s }))
      .catch(handleError);
  }, []);
  const available = status?.active === true;
  return (
    <section className="panel tool" aria-label="Temps de trajet" data-testid="isochrone-panel">
      <header>
        <div className="eyebrow">{ISO.eyebrow}</div>
        <button className={`toggle ${active ? 'on' : ''}`} onClick={toggleIsochroneTool} disabled={!available} aria-pressed={active}>
          {active ? ISO.toolOn : ISO.toolOff}
        </button>
      </header>
      {!available && <p className="muted small">{status ? ISO.unavailable(status.reason ?? '') : ISO.loading}</p>}
      {available && (
        <div className="small iso-controls">
          <label>
            {ISO.breaks}{' '}
            <input value={breaksText} onChange={(e) => isochroneStore.set({ breaksText: e.target.value })} aria-label={ISO.breaksAria} size={10} />
          </label>
          {commune && (
            <button className="link" onClick={() => void computeIsochrone({ communeCode: commune.code }, commune.name)}>
              {ISO.from(commune.name)}
            </button>
          )}
          {site?.point && (
            <button className="link" onClick={() => void computeIsochrone(site.point, site.name)}>
              {ISO.from(site.name)}
            </button>
          )}
        </div>
      )}
      {busy && <p className="muted small">{ISO.computing}</p>}
      {result && <IsochroneResultView result={result} originLabel={originLabel} />}
      {status?.attribution && (
        <p className="muted tiny">
          {ISO.network(status.source ?? '', status.attribution)}
        </p>
      )}
    </section>
  );
}

function IsochroneResultView({ result, originLabel }: { result: IsochroneResult; originLabel: string | null }) {
  const synthetic = result.layers.some((l) => l.synthetic);
  const total = result.bands.at(-1)!.customerCount;
  const swatch = (i: number) => <span className="swatch" style={{ background: `rgb(${BAND_COLORS[i % BAND_COLORS.length].join(',')})` }} />;
  const bandIndex = new Map(result.bands.map((b, i) => [b.breakSec, i]));
  return (
    <div data-testid="isochrone-result">
      <p className="small">
        {ISO.from(originLabel ?? `${result.origin.lat.toFixed(4).replace('.', ',')} ; ${result.origin.lon.toFixed(4).replace('.', ',')}`)}
        {synthetic && (
          <span className="badge synthetic" title={ISO.syntheticTitle}>
            {ISO.syntheticBadge}
          </span>
        )}
        <span className="muted tiny"> · {ISO.snapped(result.origin.snapDistanceM)}</span>
      </p>
      <table className="iso-table" data-testid="isochrone-bands">
        <caption>{ISO.bandsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{ISO.band}</th>
            <th scope="col">{ISO.communes}</th>
            <th scope="col">{ISO.population}</th>
            <th scope="col" title={ISO.customersTitle}>{ISO.customers}</th>
            <th scope="col" title={ISO.sitesTitle}>{ISO.sites}</th>
          </tr>
        </thead>
        <tbody>
          {result.bands.map((b, i) => (
            <tr key={b.breakSec}>
              <th scope="row" className="iso-band">{swatch(i)} {bandLabel(b.breakSec)}</th>
              <td>{fr(b.communeCount)}</td>
              <td>{fr(b.populationCount)}</td>
              <td>{fr(b.customerCount)}</td>
              <td>{fr(b.healthSiteCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SaveBands result={result} originLabel={originLabel} />
      <p className="tiny muted iso-rule" data-testid="isochrone-commune-rule">{result.communeTimeRule}</p>
      <p className="small iso-downloads" role="group" aria-label={DOWNLOADS.groupLabel} data-testid="isochrone-downloads">
        {DOWNLOADS.groupLabel} :{' '}
        <button className="link" onClick={() => void downloadIsochrone('geojson')} title={DOWNLOADS.isochroneGeoJsonTitle}>{DOWNLOADS.isochroneGeoJson}</button>
        {' · '}
        <button className="link" onClick={() => void downloadIsochrone('csv')} title={DOWNLOADS.isochroneCsvTitle}>{DOWNLOADS.isochroneCsv}</button>
      </p>
      {result.layers.length > 0 && (
        <table className="iso-table" data-testid="isochrone-layers">
          <caption>{ISO.layersCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{ISO.layer}</th>
              {result.bands.map((b) => <th scope="col" key={b.breakSec}>{bandLabel(b.breakSec)}</th>)}
            </tr>
          </thead>
          <tbody>
            {result.layers.map((l) => (
              <tr key={l.layerId}>
                <th scope="row">{l.name}{l.synthetic ? ISO.synthetic : ''}</th>
                {l.countByBreak.map((n, k) => <td key={k}>{fr(n)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details data-testid="isochrone-communes">
        <summary className="small">{ISO.communeList(result.communes.length)}</summary>
        <p className="tiny muted">{ISO.timeNote}</p>
        <div className="iso-scroll">
          <table className="iso-table">
            <thead><tr><th scope="col">{ISO.commune}</th><th scope="col">{ISO.time}</th><th scope="col">{ISO.band}</th></tr></thead>
            <tbody>
              {result.communes.slice(0, 200).map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td>{minutesUp(c.durationSec)}</td>
                  <td className="iso-band">{swatch(bandIndex.get(c.bandBreakSec) ?? 0)} {bandLabel(c.bandBreakSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details data-testid="isochrone-sites">
        <summary className="small">{ISO.sitesList(result.healthSites.length)}</summary>
        <ol className="small communes-list">
          {result.healthSites.map((s) => (
            <li key={s.finess}>
              {s.name} ({s.city ?? s.finess}) — {minutesUp(s.durationSec)}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary className="small">{ISO.customersList(result.customers.length, total)}</summary>
        <ol className="small communes-list">
          {result.customers.slice(0, 200).map((c) => (
            <li key={`${c.layerId}:${c.key}`}>
              {c.name ?? c.key}
              {c.category ? ` · ${c.category}` : ''} — {minutesUp(c.durationSec)}
            </li>
          ))}
        </ol>
      </details>
      <button className="link small" onClick={clearIsochrone}>
        {ISO.clear}
      </button>
    </div>
  );
}

/**
 * « Enregistrer comme zone », one button per band (under the table: a sixth column would not fit a phone):
 * the name is asked inline (default « ≤ 20 min autour de <origine> »), then the zone is created and its profile opens.
 */
function SaveBands({ result, originLabel }: { result: IsochroneResult; originLabel: string | null }) {
  const [draft, setDraft] = useState<{ breakSec: number; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft?.name.trim()) return;
    setBusy(true);
    const saved = await saveBandAsZone(result, draft.breakSec, draft.name.trim());
    setBusy(false);
    if (saved) setDraft(null);
  };
  return (
    <div className="small iso-save" data-testid="isochrone-save">
      <span role="group" aria-label={ISO.saveAsZone}>
        {ISO.saveAsZone} :{' '}
        {result.bands.map((b, i) => (
          <span key={b.breakSec}>
            {i > 0 && ' · '}
            <button className="link" disabled={b.communeCount === 0 || busy} aria-pressed={draft?.breakSec === b.breakSec}
              aria-label={ISO.saveBandAria(bandLabel(b.breakSec))} title={b.communeCount === 0 ? ISO.saveEmpty : ISO.saveTitle}
              onClick={() => setDraft({ breakSec: b.breakSec, name: bandZoneName(b.breakSec, result, originLabel) })}>
              {bandLabel(b.breakSec)}
            </button>
          </span>
        ))}
      </span>
      {draft && (
        <form onSubmit={(e) => void submit(e)} data-testid="isochrone-save-form" className="iso-save-form">
          <label>
            {ISO.zoneName}{' '}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label={ISO.zoneName} autoFocus />
          </label>
          <button type="submit" className="toggle on" disabled={busy || !draft.name.trim()}>{ISO.save}</button>
          <button type="button" className="link" onClick={() => setDraft(null)}>{ISO.cancel}</button>
        </form>
      )}
    </div>
  );
}
