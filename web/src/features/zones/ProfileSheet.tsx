import { useEffect, useRef } from 'react';
import { M, QUALITY_LABELS, pct } from '../../lib/messages/zones';
import { AgeBars, IndexBar } from './charts';
import { closeProfile, compareWithReference, exportZone, openZone } from './actions';
import { formatDate, formatFigure, methodLabel } from './format';
import { exportPng } from './png';
import { zonesStore } from './slice';
import type { ProfileIndicator } from './types';
import { ReferencePicker } from './ReferencePicker';

/** A figure's quality badge ("estimé", "approché", "synthétique"…) set next to the figure it qualifies. */
export function QualityBadge({ quality }: { quality: string | null | undefined }) {
  const q = quality ? QUALITY_LABELS[quality] : null;
  if (!q) return null;
  return <span className={`badge quality ${quality}`} title={q.title}>{q.label}</span>;
}

/** The zone profile, in the right-hand sheet: figures with unit, source, year, coverage and index vs a reference. */
export function ProfileSheet() {
  const { openId, detail, profile, version } = zonesStore.use((s) => s);
  const ref = useRef<HTMLElement>(null);
  // A zone opened from the list (lower in the column) or just saved: bring its profile into view.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' }); // (returns a Promise in recent Chromium: not the effect's return value)
  }, [openId]);
  if (!openId) return null;
  const shownVersion = version ?? detail?.version ?? null;
  return (
    <section ref={ref} className="panel sheet zone-profile" aria-label={`Profil de zone ${detail?.name ?? ''}`} data-testid="zone-profile">
      <header>
        <div>
          <div className="eyebrow">{M.profile.eyebrow}{detail ? ` · ${methodLabel(detail)}` : ''}</div>
          <h2>{detail?.name ?? '…'}</h2>
          {detail && (
            <div className="muted small">
              {M.communes(detail.communeCount)} · {M.inhabitants(detail.populationCount)}
            </div>
          )}
        </div>
        <button className="icon" onClick={closeProfile} aria-label={M.profile.close}>×</button>
      </header>
      {detail?.description && <p className="small zone-description">{detail.description}</p>}
      <div className="zone-profile-controls small">
        {detail && detail.versions.length > 0 && (
          <label>
            {M.profile.versions}{' '}
            <select value={shownVersion ?? ''} onChange={(e) => void openZone(openId, Number(e.target.value) === detail.versions.at(-1)?.version ? null : Number(e.target.value), false)} aria-label={M.profile.versions} data-testid="zone-version">
              {[...detail.versions].reverse().map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version} · {formatDate(v.createdAt)} · {M.communes(v.communeCount)}{v.note ? ` · ${v.note}` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <ReferencePicker />
      </div>
      {!profile ? (
        <p className="muted small" aria-busy="true">{M.profile.computing}</p>
      ) : (
        <>
          <p className="muted tiny">
            {M.profile.referenceLine(profile.reference.name, profile.zone.version)}
          </p>
          <ul className="zone-figures" data-testid="zone-figures">
            {profile.indicators.map((ind) => <Figure key={ind.id} indicator={ind} />)}
          </ul>
          {profile.ageBands.bands.length > 0 && (
            <div className="zone-ages">
              <div className="zone-ages-title small">
                {M.profile.ageTitle} {profile.ageBands.estimated && <QualityBadge quality="estimated" />}
              </div>
              <AgeBars bands={profile.ageBands.bands} referenceName={profile.reference.name} />
              <div className="muted tiny">
                <span className="age-key zone" /> {M.profile.ageLegendZone} <span className="age-key ref" /> {M.profile.ageLegendRef(profile.reference.name)}
                {profile.ageBands.note ? ` · ${profile.ageBands.note}` : ''}
              </div>
            </div>
          )}
          <div className="zone-actions">
            {profile.reference.level !== 'france' && profile.reference.code && (
              <button className="toggle" onClick={() => void compareWithReference()} data-testid="compare-with-reference">
                {M.profile.compareWithRef(profile.reference.name)}
              </button>
            )}
          </div>
        </>
      )}
      <ExportButtons onExport={(f) => void exportZone(f)} />
    </section>
  );
}

/** « INSEE Filosofi 2021 (…) » already names its year: not said twice. */
const sourceWithYear = (source: string, year: string) => (year && !source.includes(year) ? `${source}, ${year}` : source);

/** One figure of a profile (a zone's, or a commune's INSEE description): value, badge, source, year, coverage, index. */
export function Figure({ indicator: i }: { indicator: ProfileIndicator }) {
  const missing = i.value === null;
  return (
    <li className="zone-figure" data-indicator={i.id}>
      <div className="zone-figure-head">
        <span className="zone-figure-label">{i.label}</span>
        <span className="zone-figure-value">
          {missing ? <span className="muted">{M.profile.noValue}</span> : formatFigure(i.value, i.unit)}
          <QualityBadge quality={i.quality} />
        </span>
      </div>
      <div className="zone-figure-meta tiny muted">
        <span title={i.note}>{sourceWithYear(i.source, i.year)}</span>
        <span className={i.coverageRatio < 0.95 ? 'coverage partial' : 'coverage'} title="Part de la population de la zone pour laquelle la source donne une valeur">
          {M.profile.coverage(i.coverageRatio)}
        </span>
        <span className="zone-index" title={i.referenceValue === null ? '' : M.profile.referenceValue(formatFigure(i.referenceValue, i.unit))}>
          <IndexBar index={i.index} />{' '}
          {i.index === null && i.shareOfReferenceRatio != null
            ? M.profile.shareOfReference(i.shareOfReferenceRatio)
            : i.index === null && i.referenceValue !== null
              ? M.profile.referenceValue(formatFigure(i.referenceValue, i.unit)) // a change or a signed figure: no index, the reference's own value
              : M.profile.index(i.index)}
        </span>
      </div>
      {i.note && <div className="tiny muted">{i.note}</div>}
      {i.aggregation.kind === 'notAdditive' && i.aggregation.approximation !== i.note && <div className="tiny muted">{i.aggregation.approximation}</div>}
      {i.coverageRatio > 0 && i.coverageRatio < 1 && missing === false && i.coverageRatio < 0.95 && (
        <div className="tiny muted">Valeur calculée sur {pct(i.coverageRatio)} de la population (secret statistique ou donnée absente ailleurs).</div>
      )}
    </li>
  );
}

/** CSV, XLSX, GeoJSON from the API; PNG of the current map made here. */
export function ExportButtons({ onExport, formats = ['csv', 'xlsx', 'geojson'] }: { onExport(f: 'csv' | 'xlsx' | 'geojson'): void; formats?: ('csv' | 'xlsx' | 'geojson')[] }) {
  return (
    <div className="zone-exports small" role="group" aria-label={M.profile.exports}>
      <span className="muted">{M.profile.exports}</span>
      {formats.map((f) => (
        <button key={f} className="toggle" onClick={() => onExport(f)}>
          {f === 'geojson' ? 'GeoJSON' : f.toUpperCase()}
        </button>
      ))}
      <button className="toggle" onClick={() => void exportPng()} title={M.profile.pngTitle}>PNG</button>
    </div>
  );
}
