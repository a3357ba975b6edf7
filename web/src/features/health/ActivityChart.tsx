import type { HealthActorSheet } from './state';
import { fmt, pct, range } from './format';
import { HEALTH } from '../../lib/messages/health';

export type Establishment = HealthActorSheet['establishments'][number];
type Point = Establishment['activity'][number];

/** Stays 2015–2024: a line through exact years, a bar for masked ("1 à 10") ranges, the least-squares trend dashed. */
export function ActivityChart({ e }: { e: Establishment }) {
  const pts = e.activity.filter((p: Point) => p.stays);
  if (!pts.length) return <p className="muted small">{HEALTH.chart.none}</p>;
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
  const coverage = e.coverage;
  return (
    <figure className="health-chart" data-testid="health-activity-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${HEALTH.chart.aria(e.name ?? e.finess)}${coverage?.note ? ` — ${coverage.note}` : ''}`}>
        {coverage?.endsEarly && (
          // the years after the last row are greyed, so an empty end is never read as a fall to zero
          <g data-testid="health-chart-no-data">
            <rect x={x(coverage.toYear + 0.5)} y={4} width={Math.max(0, x(years[1]) + 6 - x(coverage.toYear + 0.5))} height={H - B - 4} fill="#f1f1f1" />
            <text x={(x(coverage.toYear + 0.5) + x(years[1]) + 6) / 2} y={(H - B) / 2} fontSize="9" textAnchor="middle" fill="#666">{HEALTH.chart.noDataAfter}</text>
          </g>
        )}
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
        {HEALTH.chart.caption}{coverage?.note && <> <strong data-testid="health-chart-coverage">{coverage.note.charAt(0).toUpperCase() + coverage.note.slice(1)}.</strong></>} {t ? <>Tendance {t.fromYear}–{t.toYear} : <strong>{t.annualChangeRatio >= 0 ? '+' : ''}{pct(t.annualChangeRatio)} par an</strong>{t.yearsLeftOut.length ? HEALTH.chart.maskedLeftOut(t.yearsLeftOut) : ''}.</> : HEALTH.chart.trendNone}
      </figcaption>
    </figure>
  );
}
