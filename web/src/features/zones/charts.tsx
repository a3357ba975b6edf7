import type { AgeBand } from './types';
import { formatShare } from './format';
import { rgb, zoneColor } from './colors';

/** Age structure: one horizontal bar per band (share of the zone's population), the reference's share as a tick. */
export function AgeBars({ bands, referenceName, testId = 'age-pyramid' }: { bands: AgeBand[]; referenceName: string; testId?: string }) {
  const max = Math.max(0.01, ...bands.flatMap((b) => [b.shareRatio ?? 0, b.referenceShareRatio ?? 0]));
  const rowH = 18;
  const labelW = 44;
  const barW = 190;
  return (
    <svg className="age-bars" viewBox={`0 0 ${labelW + barW + 52} ${bands.length * rowH + 4}`} role="img" aria-label={`Structure par âge, référence ${referenceName}`} data-testid={testId}>
      {bands.map((b, i) => {
        const y = i * rowH + 2;
        const w = ((b.shareRatio ?? 0) / max) * barW;
        const refX = labelW + ((b.referenceShareRatio ?? 0) / max) * barW;
        return (
          <g key={b.band}>
            <text x={labelW - 6} y={y + 12} textAnchor="end" className="age-label">{b.band}</text>
            <rect x={labelW} y={y + 2} width={w} height={rowH - 6} rx={2} className="age-zone" />
            {b.referenceShareRatio !== null && <line x1={refX} x2={refX} y1={y} y2={y + rowH - 2} className="age-ref" />}
            <text x={labelW + Math.max(w, refX - labelW) + 6} y={y + 12} className="age-value">{formatShare(b.shareRatio)}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** An index against the reference (base 100) as a bar from the 100 line: above to the right, below to the left. */
export function IndexBar({ index }: { index: number | null }) {
  if (index === null) return <svg className="index-bar" viewBox="0 0 60 8" aria-hidden />;
  const d = Math.max(-30, Math.min(30, (index - 100) * 0.3));
  return (
    <svg className="index-bar" viewBox="0 0 60 8" aria-hidden>
      <rect x={d >= 0 ? 30 : 30 + d} y={1} width={Math.abs(d)} height={6} className={d >= 0 ? 'above' : 'below'} />
      <line x1={30} x2={30} y1={0} y2={8} className="base" />
    </svg>
  );
}

/** One indicator across the compared zones: a bar per zone, scaled to the largest value, in the zone's colour. */
export function CompareBars({ values, names, unit, format }: { values: (number | null)[]; names: string[]; unit: string; format(v: number | null, unit: string): string }) {
  const max = Math.max(1e-9, ...values.map((v) => Math.abs(v ?? 0)));
  return (
    <div className="compare-bars">
      {values.map((v, i) => (
        <div key={i} className="compare-bar" title={`${names[i]} : ${format(v, unit)}`}>
          <span style={{ width: `${(Math.abs(v ?? 0) / max) * 100}%`, background: rgb(zoneColor(i)) }} />
        </div>
      ))}
    </div>
  );
}

/** Age structures of the compared zones overlaid: one polyline per zone (share by band). */
export function AgeOverlay({ series }: { series: { name: string; bands: AgeBand[] }[] }) {
  const bands = series[0]?.bands.map((b) => b.band) ?? [];
  if (!bands.length) return null;
  const max = Math.max(0.01, ...series.flatMap((s) => s.bands.map((b) => b.shareRatio ?? 0)));
  const W = 420;
  const H = 150;
  const left = 40;
  const bottom = 20;
  const x = (i: number) => left + (i * (W - left - 10)) / Math.max(1, bands.length - 1);
  const y = (v: number) => 8 + (1 - v / max) * (H - bottom - 8);
  return (
    <svg className="age-overlay" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Structures par âge superposées" data-testid="age-overlay">
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={left} x2={W - 10} y1={y(max * t)} y2={y(max * t)} className="grid" />
          <text x={left - 4} y={y(max * t) + 4} textAnchor="end" className="age-label">{formatShare(max * t)}</text>
        </g>
      ))}
      {bands.map((b, i) => (
        <text key={b} x={x(i)} y={H - 4} textAnchor="middle" className="age-label">{b}</text>
      ))}
      {series.map((s, k) => (
        <g key={k} style={{ color: rgb(zoneColor(k)) }}>
          <polyline points={s.bands.map((b, i) => `${x(i)},${y(b.shareRatio ?? 0)}`).join(' ')} className="age-line" />
          {s.bands.map((b, i) => <circle key={i} cx={x(i)} cy={y(b.shareRatio ?? 0)} r={2.5} fill="currentColor" />)}
        </g>
      ))}
    </svg>
  );
}
