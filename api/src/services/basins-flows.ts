/**
 * Patient-flow basins (issue 15): the flow table of a dataset (establishment × PMSI code géo × stays) grouped by
 * unit (establishment, hospital town, legal entity), then plurality, contiguity and localization-index / size
 * merges (domain/basins), mapped to communes through the code géo ↔ commune table; compare two datasets (years);
 * save the basins as zones (kind 'basin'). Importable without HTTP (scripts/bench-basins.ts: `flowBasinsFor`).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { DATA_DIR } from '../paths.js';
import { ApiError } from '../errors.js';
import { basinFlowsText as t, type FlowUnit } from '../messages/basins-flows.js';
import { flowDatasetLabel, healthText } from '../messages/health.js';
import { effectiveLinks, flowDataset, listFlowDatasets } from '../repositories/health.js';
import { communesWithCodeGeo, establishments, flowTable, sites } from '../repositories/basins-flows.js';
import { basinError } from './basins-accessibility.js';
import { saveZones } from './zones-bulk.js';
import {
  DEFAULT_MIN_LOCALIZATION_RATIO, DEFAULT_MIN_STAYS, adjacencyForCodes, basinStats, checkAdjacency, fixContiguity, indexFlows, mergeBasins,
  pluralityAssign, type Adjacency, type AdjacencyArtifact,
} from '../domain/basins/index.js';

export type { FlowUnit };
export const DEFAULT_FLOW_DATASET = 'modelled-2024';
export const FLOW_UNITS = ['establishment', 'town', 'legal_entity'] as const;
/**
 * Most basins saved as zones at once. On the modelled 2024 table the defaults give 223 (establishment, legal
 * entity) and 250 (town) basins; with no threshold and no contiguity, 459 / 380 / 459 — mostly one-code basins
 * nobody saves. A basin zone costs ≈ 25–30 ms to save on the embedded database (outline = grid union of its codes
 * géo's shapes; 142 basins in 3.4–3.9 s, 3.1 s on PostgreSQL), so 400 zones keep a save within seconds: beyond that,
 * 400 ZONES_TOO_MANY (raise the thresholds).
 */
export const MAX_FLOW_BASIN_ZONES = 400;
/** Contiguity passes before giving up (each pass moves every detached code that has a neighbouring basin). */
const MAX_CONTIGUITY_PASSES = 100;

export interface FlowBasinsInput {
  dataset?: string;
  unit: FlowUnit;
  minLocalizationRatio?: number;
  minStays?: number;
  contiguity?: boolean;
  caseMix?: string;
  save?: { name: string };
}

let artifact: AdjacencyArtifact | null = null;
/** The committed PMSI code géo adjacency (built once from the ATIH polygons), read once per process. */
function adjacencyArtifact(): AdjacencyArtifact {
  artifact ??= JSON.parse(gunzipSync(readFileSync(join(DATA_DIR, 'health', 'pmsi-adjacency-2017.json.gz'))).toString('utf8')) as AdjacencyArtifact;
  return artifact;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

async function datasetOr404(database: Database, id: string) {
  const d = await flowDataset(database.db, id);
  if (!d) throw new ApiError(404, 'UNKNOWN_FLOW_DATASET', healthText.unknownDataset(id, (await listFlowDatasets(database.db)).map((x) => x.id)), { field: 'dataset' });
  return { id: d.id, label: flowDatasetLabel(d), year: d.year, synthetic: d.synthetic, quality: (d.synthetic ? 'modelled' : 'observed') as 'modelled' | 'observed' };
}

/** What every dataset's basins read besides its flows: communes and their codes géo, establishments, sites, links. */
async function readReference(database: Database) {
  const db = database.db;
  const [communes, est, site, links] = await Promise.all([communesWithCodeGeo(db), establishments(db), sites(db), effectiveLinks(db)]);
  return { communes, est, site, links };
}
type Reference = Awaited<ReturnType<typeof readReference>>;

/** Everything read from the database for one dataset (the reference read once when several datasets are computed). */
async function readInputs(database: Database, datasetId: string, reference: Promise<Reference> = readReference(database)) {
  const [flows, ref] = await Promise.all([flowTable(database.db, datasetId), reference]);
  return { flows, ...ref };
}
type Inputs = Awaited<ReturnType<typeof readInputs>>;

/**
 * The unit of each establishment of the flow table, with its label and home code géo (where it stands: the
 * contiguity step keeps the part of a basin holding its founding unit's home). Rules in `t.townRule` and
 * `t.legalEntityRule`.
 */
function unitsOf(inputs: Inputs, unit: FlowUnit, finessList: readonly string[]) {
  const { communes, est, site, links } = inputs;
  const estName = new Map(est.map((e) => [e.finess, e.name]));
  const estKind = new Map(est.map((e) => [e.finess, e.kind]));
  const siteName = new Map(site.map((s) => [s.finess, s.name]));
  const siteCommune = new Map(site.map((s) => [s.finess, s.communeCode]));
  const commune = new Map(communes.map((c) => [c.code, c]));
  const ejOfEt = new Map<string, string>();
  const sitesOfEj = new Map<string, string[]>();
  for (const l of links) {
    // the rest of the app reads one legal entity per site: the greatest FINESS EJ among its effective links
    if (!ejOfEt.has(l.et) || l.ej > ejOfEt.get(l.et)!) ejOfEt.set(l.et, l.ej);
    (sitesOfEj.get(l.ej) ?? sitesOfEj.set(l.ej, []).get(l.ej)!).push(l.et);
  }
  const townOf = (finess: string): string | null => {
    const own = siteCommune.get(finess);
    if (own) return own;
    const count = new Map<string, number>();
    for (const et of sitesOfEj.get(finess) ?? []) {
      const c = siteCommune.get(et);
      if (c) count.set(c, (count.get(c) ?? 0) + 1);
    }
    let best: string | null = null;
    const pop = (c: string) => commune.get(c)?.population ?? 0;
    for (const [c, n] of count) {
      const b = best === null ? 0 : count.get(best)!;
      if (best === null || n > b || (n === b && (pop(c) > pop(best) || (pop(c) === pop(best) && c < best)))) best = c;
    }
    return best;
  };
  const nameOf = (finess: string) => estName.get(finess) ?? siteName.get(finess) ?? finess;
  const codeGeoOf = (code: string | null) => (code === null ? null : commune.get(code)?.zoneCode ?? null);
  const keys: string[] = [];
  const labels: string[] = [];
  const homes: (string | null)[] = [];
  const index = new Map<string, number>();
  const unitOfFiness = new Map<string, number>();
  let withoutTown = 0;
  let withoutLegalEntity = 0;
  const add = (key: string, label: string, homeCommune: string | null) => {
    let u = index.get(key);
    if (u === undefined) {
      u = keys.length;
      index.set(key, u);
      keys.push(key);
      labels.push(label);
      homes.push(codeGeoOf(homeCommune));
    }
    return u;
  };
  for (const f of finessList) {
    let u: number;
    if (unit === 'establishment') u = add(f, nameOf(f), townOf(f));
    else if (unit === 'town') {
      const town = townOf(f);
      if (town === null) withoutTown++;
      u = town === null ? add(`finess:${f}`, t.unknownTownLabel(nameOf(f)), null) : add(town, commune.get(town)?.name ?? town, town);
    } else {
      const isEntity = estKind.get(f) === 'EJ' || (!siteCommune.has(f) && sitesOfEj.has(f));
      const ej = isEntity ? f : ejOfEt.get(f);
      if (!ej) withoutLegalEntity++;
      u = add(ej ?? f, nameOf(ej ?? f), townOf(ej ?? f));
    }
    unitOfFiness.set(f, u);
  }
  return { keys, labels, homes, unitOfFiness, withoutTown, withoutLegalEntity };
}

/** The basins of one dataset (no save): figures, communes, log, timing. */
async function computeBasins(database: Database, body: FlowBasinsInput, reference?: Promise<Reference>) {
  const t0 = performance.now();
  const dataset = await datasetOr404(database, body.dataset ?? DEFAULT_FLOW_DATASET);
  if (body.caseMix !== undefined) throw new ApiError(422, 'CASE_MIX_UNAVAILABLE', t.caseMixUnavailable(dataset.id), { field: 'caseMix' });
  const params = {
    minLocalizationRatio: body.minLocalizationRatio ?? DEFAULT_MIN_LOCALIZATION_RATIO,
    minStays: body.minStays ?? DEFAULT_MIN_STAYS,
    contiguity: body.contiguity ?? true,
  };
  const inputs = await readInputs(database, dataset.id, reference);
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const { flows, communes } = inputs;

  // Origins: codes géo with stays; units: as asked.
  const originIndex = new Map<string, number>();
  const originCodes: string[] = [];
  const rows: number[] = [];
  for (let r = 0; r < flows.length; r++) {
    if (!(flows[r].stays > 0)) continue;
    rows.push(r);
    const z = flows[r].zoneCode;
    if (!originIndex.has(z)) { originIndex.set(z, originCodes.length); originCodes.push(z); }
  }
  if (!rows.length) throw new ApiError(422, 'NO_FLOWS', t.noFlows(dataset.id), { field: 'dataset' });
  const units = unitsOf(inputs, body.unit, [...new Set(rows.map((r) => flows[r].finess))]);
  const table = {
    originCount: originCodes.length, unitCount: units.keys.length,
    origin: Int32Array.from(rows, (r) => originIndex.get(flows[r].zoneCode)!),
    unit: Int32Array.from(rows, (r) => units.unitOfFiness.get(flows[r].finess)!),
    stays: Float64Array.from(rows, (r) => flows[r].stays),
  };
  const { adjacency, missing } = adjacencyForCodes(adjacencyArtifact(), originCodes);
  const unitHome = Int32Array.from(units.homes, (z) => (z === null ? -1 : originIndex.get(z) ?? -1));

  let result;
  try {
    result = flowBasinsSteps(table, adjacency, { ...params, unitHome });
  } catch (e) {
    basinError(e);
  }
  const { idx, basins, moves, stable, detached, merges, unmergeable, basinOfOrigin } = result;

  // Basins in decreasing order of their residents' stays; output index = id in `communes.basin`.
  const order = [...basins].sort((a, b) => b.residentStaysCount - a.residentStaysCount || a.id - b.id);
  const outIndex = new Map(order.map((b, i) => [b.id, i]));
  const populationOfCodeGeo = new Map<string, number>();
  const communesOfCodeGeo = new Map<string, number>();
  const sorted = [...communes].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const communeBasin = new Array<number>(sorted.length);
  let noCode = 0;
  let noStays = 0;
  const codesWithoutStays = new Set<string>();
  for (let c = 0; c < sorted.length; c++) {
    const z = sorted[c].zoneCode;
    if (z === null) { noCode++; communeBasin[c] = -1; continue; }
    const o = originIndex.get(z);
    const b = o === undefined ? -1 : basinOfOrigin[o];
    if (b < 0) { noStays++; codesWithoutStays.add(z); communeBasin[c] = -1; continue; }
    communeBasin[c] = outIndex.get(b)!;
    populationOfCodeGeo.set(z, (populationOfCodeGeo.get(z) ?? 0) + sorted[c].population);
    communesOfCodeGeo.set(z, (communesOfCodeGeo.get(z) ?? 0) + 1);
  }
  const unitRef = (b: number) => ({ key: units.keys[b], label: units.labels[b] });
  const label = t.label(body.unit, dataset.label);
  const out = {
    label,
    dataset, quality: dataset.quality, unit: body.unit, unitLabel: t.unitLabel[body.unit], params,
    method: t.method(params.minLocalizationRatio, params.minStays, params.contiguity),
    basins: order.map((b, i) => {
      const codesGeo = b.members.map((o) => originCodes[o]).sort();
      return {
        id: i, ...unitRef(b.id),
        codeGeoCount: codesGeo.length,
        communeCount: codesGeo.reduce((n, z) => n + (communesOfCodeGeo.get(z) ?? 0), 0),
        populationCount: Math.round(codesGeo.reduce((n, z) => n + (populationOfCodeGeo.get(z) ?? 0), 0)),
        stays: b.residentStaysCount,
        localizationRatio: round(b.localizationRatio),
        mainUnitShareRatio: round(b.mainUnitShareRatio),
        leakageRatio: round(b.leakageRatio),
        mainUnit: b.mainUnit >= 0 ? unitRef(b.mainUnit) : null,
        unitCount: b.units.length,
        treatedStays: b.treatedStaysCount,
        codesGeo,
      };
    }),
    communes: { codes: sorted.map((c) => c.code), basin: communeBasin },
    log: {
      contiguityMoves: moves.map((m) => ({ codeGeo: originCodes[m.origin], from: units.keys[m.from], to: units.keys[m.to], fromLabel: units.labels[m.from], toLabel: units.labels[m.to], stays: idx.originStays[m.origin], reasonLabel: t.moveReason })),
      merges: merges.map((m) => ({
        from: units.keys[m.from], into: units.keys[m.to], fromLabel: units.labels[m.from], intoLabel: units.labels[m.to],
        reason: m.reason, reasonLabel: t.mergeReason[m.reason], localizationRatio: round(m.localizationRatio), stays: m.staysCount,
      })),
      unmergeable: unmergeable.map((b) => {
        const s = basins.find((x) => x.id === b)!;
        return { ...unitRef(b), localizationRatio: round(s.localizationRatio), stays: s.residentStaysCount, reasonLabel: t.unmergeableReason };
      }),
      contiguityStable: stable,
      detachedCodeGeoCount: detached,
      isolatedCodesGeo: missing,
    },
    unassigned: {
      codesGeo: [...codesWithoutStays].sort(), communeCount: noCode + noStays, communesWithoutStaysCount: noStays, communesWithoutCodeGeoCount: noCode,
      reason: t.unassigned(noStays, noCode),
    },
    totals: { stays: table.stays.reduce((s, x) => s + x, 0), codeGeoCount: originCodes.length, unitCount: units.keys.length, basinCount: order.length },
    notes: [
      dataset.quality === 'modelled' ? t.modelledNote : t.observedNote,
      ...(body.unit === 'town' ? [t.townRule] : body.unit === 'legal_entity' ? [t.legalEntityRule] : []),
      ...(units.withoutTown ? [t.withoutTown(units.withoutTown)] : []),
      ...(units.withoutLegalEntity ? [t.withoutLegalEntity(units.withoutLegalEntity)] : []),
      ...(missing.length ? [t.isolated(missing.length)] : []),
      ...(!stable ? [t.notStable(MAX_CONTIGUITY_PASSES)] : []),
      t.unassigned(noStays, noCode),
    ],
    timing: { readMs: Math.round(readMs), computeMs: Math.round(performance.now() - t1), totalMs: 0 },
  };
  out.timing.totalMs = Math.round(performance.now() - t0);
  return out;
}

/** Plurality, contiguity (when asked), merges, then the figures: the domain's steps. */
function flowBasinsSteps(
  table: Parameters<typeof indexFlows>[0], adjacency: Adjacency,
  opts: { minLocalizationRatio: number; minStays: number; contiguity: boolean; unitHome: Int32Array },
) {
  const idx = indexFlows(table);
  checkAdjacency(adjacency, table.originCount);
  const plural = pluralityAssign(idx);
  const contiguous = opts.contiguity
    ? fixContiguity(idx, adjacency, plural, { unitHome: opts.unitHome, maxPasses: MAX_CONTIGUITY_PASSES })
    : { assignment: plural, moves: [], stable: true, detachedOriginCount: 0 };
  const merged = mergeBasins(idx, adjacency, contiguous.assignment, opts);
  return {
    idx, basins: basinStats(idx, merged.assignment), basinOfOrigin: merged.assignment.basinOfOrigin,
    moves: contiguous.moves, stable: contiguous.stable, detached: contiguous.detachedOriginCount, merges: merged.merges, unmergeable: merged.unmergeable,
  };
}

export type FlowBasinsAnswer = Awaited<ReturnType<typeof computeBasins>> & { saved?: Awaited<ReturnType<typeof saveBasins>> };

/** POST /api/basins/flows: the basins, optionally saved as zones. */
export async function flowBasinsFor(database: Database, body: FlowBasinsInput): Promise<FlowBasinsAnswer> {
  const result: FlowBasinsAnswer = await computeBasins(database, body);
  if (body.save) result.saved = await saveBasins(database, result, body.save.name);
  return result;
}

/** One zone per basin (kind 'basin'), communes of its codes géo; the rule, parameters and quality in its method. */
async function saveBasins(database: Database, r: Awaited<ReturnType<typeof computeBasins>>, name: string) {
  const t0 = performance.now();
  const members = r.basins.map(() => [] as { communeCode: string; weight: number }[]);
  r.communes.basin.forEach((b, c) => { if (b >= 0) members[b].push({ communeCode: r.communes.codes[c], weight: 1 }); });
  const saved = await saveZones(database.db, 'basin', r.basins.map((b, i) => ({
    name: t.zoneName(name, b.label),
    description: t.zoneDescription(r.label, b.label, b.localizationRatio, b.stays),
    members: members[i],
    outlineCodesGeo: b.codesGeo,
    method: {
      type: 'flow_basin', dataset: r.dataset.id, datasetLabel: r.dataset.label, unit: r.unit, params: r.params, quality: r.quality,
      basinKey: b.key, codesGeo: b.codesGeo, localizationRatio: b.localizationRatio, stays: b.stays, rule: r.method, outline: t.outlineRule,
    },
  })), { max: MAX_FLOW_BASIN_ZONES });
  return { zones: saved.zones.map((z) => ({ id: z.id, name: z.name, communeCount: z.communeCount, populationCount: z.populationCount })), skippedEmpty: saved.skippedEmpty, saveMs: Math.round(performance.now() - t0) };
}

export interface CompareInput extends Omit<FlowBasinsInput, 'dataset' | 'save' | 'caseMix'> { datasets: [string, string] }

/** POST /api/basins/flows/compare: the basins of two datasets (years) and the codes géo that changed basin. */
export async function compareFlowBasins(database: Database, body: CompareInput) {
  if (body.datasets[0] === body.datasets[1]) throw new ApiError(400, 'VALIDATION_FAILED', t.compareSame, { field: 'datasets' });
  const reference = readReference(database);
  reference.catch(() => undefined); // awaited below, after the dataset checks: not an unhandled rejection meanwhile
  const ra = await computeBasins(database, { ...body, dataset: body.datasets[0] }, reference);
  const rb = await computeBasins(database, { ...body, dataset: body.datasets[1] }, reference);
  const keyOf = (r: typeof ra) => {
    const m = new Map<string, { key: string; label: string }>();
    for (const x of r.basins) for (const z of x.codesGeo) m.set(z, { key: x.key, label: x.label });
    return m;
  };
  const ka = keyOf(ra);
  const kb = keyOf(rb);
  const population = new Map<string, number>();
  const { communes } = await reference;
  for (const c of communes) if (c.zoneCode !== null) population.set(c.zoneCode, (population.get(c.zoneCode) ?? 0) + c.population);
  const codes = [...new Set([...ka.keys(), ...kb.keys()])].sort();
  const rows = codes.map((codeGeo) => {
    const x = ka.get(codeGeo) ?? null;
    const y = kb.get(codeGeo) ?? null;
    return { codeGeo, basinA: x?.key ?? null, basinB: y?.key ?? null, basinALabel: x?.label ?? null, basinBLabel: y?.label ?? null, changed: x?.key !== y?.key, populationCount: Math.round(population.get(codeGeo) ?? 0) };
  });
  const changed = rows.filter((r) => r.changed);
  const side = (r: typeof ra) => {
    const resident = r.basins.reduce((s, x) => s + x.stays, 0);
    const inside = r.basins.reduce((s, x) => s + x.stays * x.localizationRatio, 0);
    return { dataset: r.dataset, basinCount: r.basins.length, meanLocalizationRatio: resident > 0 ? round(inside / resident) : null, stays: resident, timing: r.timing };
  };
  return {
    label: t.label(body.unit, `${ra.dataset.label} / ${rb.dataset.label}`),
    quality: ra.quality === 'modelled' || rb.quality === 'modelled' ? 'modelled' : 'observed',
    unit: body.unit, params: ra.params,
    a: side(ra), b: side(rb),
    changedCodeGeoCount: changed.length,
    changedPopulationCount: changed.reduce((s, r) => s + r.populationCount, 0),
    rows,
  };
}
