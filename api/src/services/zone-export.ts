import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { csvDocument, csvLines, csvRow, type CsvColumn, type CsvDecimal } from '../domain/export/csv.js';
import { AGGREGATION_FR, QUALITY_FR, REFERENCE_LEVEL_FR, REFERENCE_RULE, exportHeadings as H } from '../messages/zones.js';
import { LOCAL_USER } from '../domain/zones/zone.js';
import { logExport } from '../repositories/export-log.js';
import { zoneMembers } from '../repositories/zones.js';
import { compareZones, zoneProfile, type ReferenceLevel } from './zone-profile.js';
import { zoneDetail } from './zones.js';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';
export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

type Profile = Awaited<ReturnType<typeof zoneProfile>>;
type Comparison = Awaited<ReturnType<typeof compareZones>>;
type Indicator = Profile['indicators'][number];

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', geojson: 'application/geo+json' };
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w-]+/g, '_').slice(0, 60) || 'zone';
const methodText = (m: unknown) => JSON.stringify(m, (k, v) => (k === 'polygon' ? '[polygone]' : v));

function indicatorProvenance(i: Pick<Indicator, 'label' | 'source' | 'year' | 'quality' | 'aggregation'>): string {
  const approx = i.aggregation.kind === 'notAdditive' ? ` (${i.aggregation.approximation})` : '';
  return `${i.label} : ${i.source}, ${i.year}${i.quality ? ` [${QUALITY_FR[i.quality] ?? i.quality}]` : ''} ; agrégation : ${AGGREGATION_FR[i.aggregation.kind]}${approx}`;
}

function profileProvenance(p: Profile, user: string, at: Date): string[] {
  return [
    'Maillage — profil de zone',
    `Zone : ${p.zone.name} — version ${p.zone.version} — type ${p.zone.kind} — méthode ${methodText(p.zone.method)}`,
    `Référence : ${p.reference.name} (${REFERENCE_LEVEL_FR[p.reference.level]}). ${REFERENCE_RULE}`,
    `Exporté le ${at.toISOString()} par ${user}`,
    'Couverture : part de la population de la zone pour laquelle la source a une valeur (secret statistique, données manquantes).',
    ...p.indicators.map(indicatorProvenance),
    p.ageBands.note,
  ];
}

/** A count is compared to its reference as a share (in %), an intensity as a base-100 index: one of the two is empty. */
const percent = (ratio: number | null) => (ratio === null ? null : 100 * ratio);

const profileColumns: CsvColumn<Indicator>[] = [
  { header: H.indicator, key: 'indicator', value: (i) => i.label },
  { header: H.value, key: 'value', value: (i) => i.value },
  { header: H.unit, key: 'unit', value: (i) => i.unit },
  { header: H.coverage, key: 'coverage_ratio', value: (i) => i.coverageRatio },
  { header: H.reference, key: 'reference_value', value: (i) => i.referenceValue },
  { header: H.index, key: 'index', value: (i) => i.index },
  { header: H.shareOfReference, key: 'share_of_reference_pct', value: (i) => percent(i.shareOfReferenceRatio) },
  { header: H.source, key: 'source', value: (i) => i.source },
  { header: H.year, key: 'year', value: (i) => i.year },
  { header: H.quality, key: 'quality', value: (i) => (i.quality ? QUALITY_FR[i.quality] : '') },
  { header: H.note, key: 'note', value: (i) => i.note ?? '' },
];

type Band = Profile['ageBands']['bands'][number];
const bandColumns: CsvColumn<Band>[] = [
  { header: H.band, key: 'band', value: (b) => b.band },
  { header: H.population, key: 'population', value: (b) => b.populationCount },
  { header: H.share, key: 'share_ratio', value: (b) => b.shareRatio },
  { header: H.referenceShare, key: 'reference_share_ratio', value: (b) => b.referenceShareRatio },
];

function addSheet<Row>(wb: ExcelJS.Workbook, name: string, columns: readonly CsvColumn<Row>[], rows: Iterable<Row>) {
  const ws = wb.addWorksheet(name);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => { const v = c.value(r); return v === null || v === undefined ? null : (v as ExcelJS.CellValue); }));
  ws.columns.forEach((col, i) => (col.width = i === 0 ? 42 : 16));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

async function workbook(sheets: (wb: ExcelJS.Workbook) => void, provenance: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Maillage';
  sheets(wb);
  const ws = wb.addWorksheet(H.provenance);
  for (const line of provenance) ws.addRow([line]);
  ws.getColumn(1).width = 140;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface ExportQuery {
  format: ExportFormat;
  version?: number;
  reference: ReferenceLevel;
  indicators: string[] | null;
  decimal: CsvDecimal;
}

/** A zone's profile as CSV / XLSX / GeoJSON, with provenance; logged in export_log. */
export async function exportZone(db: Kysely<DB>, workspaceId: string, id: string, q: ExportQuery): Promise<ExportFile> {
  const at = new Date();
  const profile = await zoneProfile(db, workspaceId, id, q);
  const provenance = profileProvenance(profile, LOCAL_USER, at);
  const base = `zone_${slug(profile.zone.name)}_v${profile.zone.version}`;
  let file: ExportFile;
  if (q.format === 'csv') {
    const o = { decimal: q.decimal };
    const lines = [...csvLines({ provenance, columns: profileColumns, rows: profile.indicators, options: o }), '', ...csvLines({ provenance: [], columns: bandColumns, rows: profile.ageBands.bands, options: o })];
    file = { body: csvDocument(lines), contentType: CONTENT_TYPES.csv, fileName: `${base}.csv` };
  } else if (q.format === 'xlsx') {
    const members = await zoneMembers(db, workspaceId, id, profile.zone.version);
    const body = await workbook((wb) => {
      addSheet(wb, H.profile, profileColumns, profile.indicators);
      addSheet(wb, H.ageBands, bandColumns, profile.ageBands.bands);
      addSheet(wb, H.members, [
        { header: H.communeCode, key: 'code', value: (m: (typeof members)[number]) => m.communeCode },
        { header: H.communeName, key: 'name', value: (m) => m.name },
        { header: H.weight, key: 'weight', value: (m) => m.weight },
      ], members);
    }, provenance);
    file = { body, contentType: CONTENT_TYPES.xlsx, fileName: `${base}.xlsx` };
  } else {
    const detail = await zoneDetail(db, workspaceId, id, profile.zone.version);
    const partial = detail.members.some((m) => m.weight < 1);
    const properties: Record<string, unknown> = {
      name: profile.zone.name, zoneId: profile.zone.id, version: profile.zone.version, kind: profile.zone.kind, method: profile.zone.method,
      reference: profile.reference.name,
      communeCodes: detail.members.map((m) => m.communeCode),
      ...(partial ? { communeWeights: detail.members.map((m) => m.weight) } : {}),
      ...Object.fromEntries(profile.indicators.map((i) => [i.id, i.value])),
      coverage: Object.fromEntries(profile.indicators.map((i) => [i.id, i.coverageRatio])),
      units: Object.fromEntries(profile.indicators.map((i) => [i.id, i.unit])),
      provenance,
    };
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: detail.geometry, properties }] };
    file = { body: JSON.stringify(fc), contentType: CONTENT_TYPES.geojson, fileName: `${base}.geojson` };
  }
  await logExport(db, {
    workspaceId, userName: LOCAL_USER, kind: 'zone_profile', target: id, format: q.format,
    parameters: { version: profile.zone.version, reference: q.reference, indicators: q.indicators ?? 'toutes', decimal: q.decimal, fileName: file.fileName },
  });
  return file;
}

function comparisonProvenance(c: Comparison, user: string, at: Date): string[] {
  return [
    'Maillage — comparaison de zones',
    ...c.zones.map((z) => `Zone : ${z.name} — version ${z.version} — type ${z.kind} — méthode ${methodText(z.method)}`),
    ...c.references.map((r) => `Référence de ${c.zones.find((z) => z.id === r.zoneId)?.name} : ${r.name}`),
    REFERENCE_RULE,
    `Exporté le ${at.toISOString()} par ${user}`,
    ...c.indicators.map(indicatorProvenance),
  ];
}

/** A comparison of 2–6 zones as CSV / XLSX (one column group per zone), with provenance; logged. */
export async function exportComparison(db: Kysely<DB>, workspaceId: string, q: { zoneIds: string[]; indicators: string[] | null; reference: ReferenceLevel; format: 'csv' | 'xlsx'; decimal: CsvDecimal }): Promise<ExportFile> {
  const at = new Date();
  const c = await compareZones(db, workspaceId, q);
  const provenance = comparisonProvenance(c, LOCAL_USER, at);
  type Row = Comparison['indicators'][number];
  const columns: CsvColumn<Row>[] = [
    { header: H.indicator, key: 'indicator', value: (i) => i.label },
    { header: H.unit, key: 'unit', value: (i) => i.unit },
    ...c.zones.flatMap((z, k) => [
      { header: `${z.name} — ${H.value}`, key: `value_${k + 1}`, value: (i: Row) => i.values[k] },
      { header: `${z.name} — ${H.coverage}`, key: `coverage_${k + 1}`, value: (i: Row) => i.coverageRatios[k] },
      { header: `${z.name} — ${H.index}`, key: `index_${k + 1}`, value: (i: Row) => i.indexes[k] },
      { header: `${z.name} — ${H.shareOfReference}`, key: `share_of_reference_pct_${k + 1}`, value: (i: Row) => percent(i.sharesOfReference[k]) },
    ]),
    { header: H.source, key: 'source', value: (i) => i.source },
    { header: H.year, key: 'year', value: (i) => i.year },
    { header: H.quality, key: 'quality', value: (i) => (i.quality ? QUALITY_FR[i.quality] : '') },
  ];
  const bandRows = c.ageBands[0].bands.map((b, k) => [b.band, ...c.ageBands.map((z) => z.bands[k].shareRatio)]);
  const bandHeader = [H.band, ...c.zones.map((z) => `${z.name} — ${H.share}`)];
  const base = `comparaison_${c.zones.length}_zones`;
  let file: ExportFile;
  if (q.format === 'csv') {
    const o = { decimal: q.decimal };
    const lines = [...csvLines({ provenance, columns, rows: c.indicators, options: o }), '', csvRow(bandHeader, o), ...bandRows.map((r) => csvRow(r, o))];
    file = { body: csvDocument(lines), contentType: CONTENT_TYPES.csv, fileName: `${base}.csv` };
  } else {
    const body = await workbook((wb) => {
      addSheet(wb, H.comparison, columns, c.indicators);
      addSheet(wb, H.ageBands, bandHeader.map((h, k) => ({ header: h, key: `c${k}`, value: (r: unknown[]) => r[k] })), bandRows);
    }, provenance);
    file = { body, contentType: CONTENT_TYPES.xlsx, fileName: `${base}.xlsx` };
  }
  await logExport(db, {
    workspaceId, userName: LOCAL_USER, kind: 'zone_comparison', target: q.zoneIds.join(','), format: q.format,
    parameters: { zones: c.zones.map((z) => ({ id: z.id, version: z.version })), reference: q.reference, indicators: q.indicators ?? 'toutes', decimal: q.decimal },
  });
  return file;
}
