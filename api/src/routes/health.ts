import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { parseBbox } from '../domain/territory/bbox.js';
import { attractivenessZone, leakageAutarky, marketShares } from '../domain/health/flows.js';
import { parseFlowCsv, parseFlowXlsx, type FlowImportRow } from '../domain/health/flow-import.js';
import { activityTrend } from '../domain/health/trend.js';
import { bboxAround, competitorsWithin, MAX_COMPETITOR_MINUTES, reachRadiusM } from '../domain/health/competitors.js';
import * as repo from '../repositories/health.js';
import { validate } from './validation.js';

const FINESS_RE = /^[0-9][0-9AB][0-9]{7}$/;
const ACTIVITY_YEAR = 2024;
const DEFAULT_DATASET = 'modelled-2024';
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const finessParam = (raw: string) => {
  const f = raw.trim().toUpperCase();
  if (!FINESS_RE.test(f)) throw new ApiError(400, 'INVALID_FINESS', `"${raw}" is not a FINESS number: 9 characters, digits, with 2A/2B for Corsica (e.g. 010000024).`);
  return f;
};

async function datasetOr404(deps: AppDeps, id: string) {
  const d = await repo.flowDataset(deps.database.db, id);
  if (!d) {
    const known = (await repo.listFlowDatasets(deps.database.db)).map((x) => x.id);
    throw new ApiError(404, 'UNKNOWN_FLOW_DATASET', `No flow dataset "${id}". Available: ${known.join(', ') || 'none'} (import one with POST /api/health/flows/import).`);
  }
  return { id: d.id, label: d.label, synthetic: d.synthetic, year: d.year, source: d.source };
}

const zoneQuery = z.object({
  zones: z.string().optional(),
  communes: z.string().optional(),
  departement: z.string().regex(/^[0-9][0-9AB][0-9]?$/).optional(),
  dataset: z.string().default(DEFAULT_DATASET),
  format: z.enum(['json', 'csv']).default('json'),
});

const competitorQuery = z.object({
  maxMinutes: z.coerce.number({ message: 'maxMinutes must be a number of minutes' })
    .gt(0, 'maxMinutes must be more than 0 minutes').max(MAX_COMPETITOR_MINUTES, `maxMinutes is at most ${MAX_COMPETITOR_MINUTES} minutes (3 hours)`).default(30),
  year: z.coerce.number().int().min(2015).max(2024).default(ACTIVITY_YEAR),
});

export const healthRoutes = (deps: AppDeps) => {
  const db = deps.database.db;
  /** Stays by establishment, market shares, leakage and autarky of a set of code géo zones (JSON or CSV). */
  async function zoneIndicators(c: Context, zoneCodes: string[], datasetId: string, format: 'json' | 'csv') {
    const dataset = await datasetOr404(deps, datasetId);
    if (!zoneCodes.length) throw new ApiError(404, 'ZONE_EMPTY', 'No PMSI code géo matches this selection: check the codes (communes of COG 2026, codes géo of 2019).');
    const inside = await repo.establishmentsInZones(db, zoneCodes);
    const rows = await repo.flowsTouching(db, datasetId, zoneCodes, inside);
    const la = leakageAutarky(rows, zoneCodes, inside);
    const names = new Map((await Promise.all(la.byEstablishment.map((e) => repo.findEstablishment(db, e.finess)))).filter(Boolean).map((e) => [e!.finess, e!.name]));
    const byEstablishment = la.byEstablishment.map((e) => ({ ...e, name: names.get(e.finess) ?? null }));
    if (format === 'csv') {
      // The flows' nature is stated in the first line AND on every row, so it survives any cut of the file.
      const nature = dataset.synthetic ? 'modelled, not observed' : 'observed';
      const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const head = [
        `# ${dataset.synthetic ? dataset.label : `observed flows: ${dataset.label}`}`,
        `# dataset ${dataset.id} (${dataset.year}); zone of ${zoneCodes.length} PMSI codes géo: ${zoneCodes.join(' ')}`,
        `# residentStaysCount=${la.residentStaysCount}; insideStaysCount=${la.insideStaysCount}; autarkyRatio=${la.autarkyRatio.toFixed(6)}; leakageRatio=${la.leakageRatio.toFixed(6)}; attractionRatio=${la.attractionRatio.toFixed(6)}`,
      ];
      const lines = ['finess,name,inside,staysCount,shareRatio,flows', ...byEstablishment.map((e) => [e.finess, quote(e.name ?? ''), e.inside, e.staysCount, e.shareRatio.toFixed(6), quote(nature)].join(','))];
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="health-zone-${dataset.id}.csv"`);
      return c.body([...head, ...lines].join('\n') + '\n');
    }
    return c.json({ dataset, zoneCodes, establishmentsInside: inside, ...la, byEstablishment });
  }

  return new Hono()
    .get('/actors', validate('query', z.object({ bbox: z.string().optional(), year: z.coerce.number().int().min(2015).max(2024).default(ACTIVITY_YEAR) })), async (c) => {
      const { bbox: text, year } = c.req.valid('query');
      const bbox = text ? parseBbox(text) : null;
      if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
      return c.json({ year, source: 'FINESS (GISCO extract 2020-03-06); ScanSanté PMSI MCO', actors: await repo.listActors(db, bbox, year) });
    })
    .get('/actors/:finess', async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const site = await repo.findSite(db, finess);
      const ownEstablishment = await repo.findEstablishment(db, finess);
      if (!site && !ownEstablishment) throw new ApiError(404, 'ACTOR_NOT_FOUND', `No hospital site or PMSI establishment with FINESS ${finess}. Search the map's hospital layer for its number.`);
      // A site → its establishment(s); an establishment (EJ) → its sites.
      const links = site ? await repo.effectiveLinks(db, { et: finess }) : await repo.effectiveLinks(db, { ej: finess });
      const ejCodes = site ? [...new Set([...links.map((l) => l.ej), ...(ownEstablishment ? [finess] : [])])] : [finess];
      const establishments = await Promise.all(ejCodes.map(async (ej) => {
        const e = await repo.findEstablishment(db, ej);
        const series = await repo.activitySeries(db, ej);
        const siteLinks = await repo.effectiveLinks(db, { ej });
        return {
          finess: ej, name: e?.name ?? null, sector: e?.sector ?? null, category: e?.category ?? null, finessKind: e?.finessKind ?? null,
          activity: series, trend: activityTrend(series), caseMix: series.at(-1) ?? null,
          sites: (await repo.sitesByFiness(db, siteLinks.map((l) => l.et))).map((s) => ({ ...s, link: siteLinks.find((l) => l.et === s.finess) })),
        };
      }));
      const routing = deps.routing.status;
      const competitors = !site
        ? { available: false, reason: 'Competitors are computed between hospital sites: open one of the sites of this legal entity.' }
        : routing.active
          ? { available: true, reason: null, path: `/api/health/actors/${finess}/competitors?maxMinutes=30` }
          : { available: false, reason: `Drive times are not available (${routing.reason}): competitors within N minutes appear once the road network is loaded, never estimated as the crow flies.` };
      return c.json({ site, establishments, links, competitors });
    })
    .get('/actors/:finess/competitors', validate('query', competitorQuery), async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const { maxMinutes, year } = c.req.valid('query');
      const site = await repo.findSite(db, finess);
      if (!site) throw new ApiError(404, 'ACTOR_NOT_FOUND', `No hospital site with FINESS ${finess}: competitors are computed between sites (FINESS ET). Open one of the sites of a legal entity.`);
      const network = deps.routing.requireNetwork(); // 503 NOT_AVAILABLE with the reason (no graph, still building)
      const maxDurationSec = maxMinutes * 60;
      const around = bboxAround(site.point, reachRadiusM(maxDurationSec, network.snapOptions.maxSnapDistanceM));
      const candidates = (await repo.listActors(db, around, year)).filter((a) => a.finess !== finess);
      const found = competitorsWithin(network, site.point, candidates, maxDurationSec);
      if (!found) throw new ApiError(409, 'SITE_OFF_NETWORK', `${site.name} (${finess}) lies off the active road network (${deps.routing.status.source ?? 'unknown'}): no drive time can be computed from it. The five DROM have no road network yet.`, { finess, point: site.point });
      const ownEntities = new Set((await repo.effectiveLinks(db, { et: finess })).map((l) => l.ej));
      const competitors = found.competitors.map((a) => ({
        finess: a.finess, name: a.name, category: a.category, status: a.status, city: a.city, point: a.point,
        durationSec: Math.round(a.durationSec), distanceM: Math.round(a.distanceM),
        establishment: a.establishment, stays: a.stays,
        sameCategory: a.category === site.category,
        /** A sister site of the same legal entity: listed, but not a competitor. */
        sameEstablishment: !!a.establishment && ownEntities.has(a.establishment.finess),
      }));
      const status = deps.routing.status;
      return c.json({
        site: { finess: site.finess, name: site.name, category: site.category, point: site.point },
        maxMinutes, year, direction: 'from the site to each other site (own snapped drive time, access legs included)',
        network: { name: status.network ?? null, source: status.source ?? null, sourceDate: status.sourceDate ?? null },
        competitorCount: competitors.filter((x) => !x.sameEstablishment).length,
        sameEstablishmentCount: competitors.filter((x) => x.sameEstablishment).length,
        offNetworkCount: found.offNetworkCount,
        competitors,
      });
    })
    .get('/establishments/:finess/activity', async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const series = await repo.activitySeries(db, finess);
      if (!series.length) throw new ApiError(404, 'ACTOR_NOT_FOUND', `No ScanSanté activity for FINESS ${finess}. Public hospitals report under their legal entity (EJ): open the site's sheet to find it.`);
      return c.json({ finess, source: 'ScanSanté, PMSI MCO tous séjours (ATIH)', activity: series, trend: activityTrend(series) });
    })
    .get('/establishments/:finess/attractiveness', validate('query', z.object({ dataset: z.string().default(DEFAULT_DATASET), threshold: z.coerce.number().gt(0).max(1).default(0.8) })), async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const { dataset: id, threshold } = c.req.valid('query');
      const dataset = await datasetOr404(deps, id);
      const rows = await repo.flows(db, id, { finess });
      const zone = attractivenessZone(rows, finess, threshold);
      const marketZones = marketShares(await repo.flows(db, id, { zoneCodes: zone.zones.map((z) => z.zoneCode) }));
      const features = await repo.zoneFeatures(db, zone.zones.map((z) => z.zoneCode));
      return c.json({
        dataset, ...zone,
        zones: zone.zones.map((z) => ({ ...z, marketShareRatio: marketZones.find((m) => m.zoneCode === z.zoneCode)?.shares.find((s) => s.finess === finess)?.shareRatio ?? null })),
        geojson: { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', id: f.code, properties: { code: f.code, name: f.name, populationCount: f.populationCount }, geometry: f.geometry })) },
      });
    })
    .get('/flows/datasets', async (c) => c.json({ datasets: await repo.listFlowDatasets(db) }))
    .get('/flows', validate('query', z.object({ dataset: z.string().default(DEFAULT_DATASET), finess: z.string().optional(), zone: z.string().optional() })), async (c) => {
      const q = c.req.valid('query');
      if (!q.finess && !q.zone) throw new ApiError(400, 'VALIDATION_FAILED', 'Give finess= (an establishment) or zone= (a PMSI code géo): the whole table is too large to list.');
      const dataset = await datasetOr404(deps, q.dataset);
      return c.json({ dataset, flows: await repo.flows(db, q.dataset, { finess: q.finess ? finessParam(q.finess) : undefined, zoneCodes: q.zone ? q.zone.split(',') : undefined }) });
    })
    .get('/zones', validate('query', z.object({ bbox: z.string(), limit: z.coerce.number().int().min(1).max(2000).default(500) })), async (c) => {
      const { bbox: text, limit } = c.req.valid('query');
      const bbox = parseBbox(text);
      if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
      const r = await repo.zonesInBbox(db, bbox, limit);
      return c.json({ source: 'ATIH, fond de carte des codes géographiques PMSI 2017 (simplifié)', truncated: r.truncated, geojson: { type: 'FeatureCollection', features: r.zones.map((z) => ({ type: 'Feature', id: z.code, properties: { code: z.code, name: z.name, populationCount: z.populationCount }, geometry: z.geometry })) } });
    })
    .get('/zone-indicators', validate('query', zoneQuery), async (c) => {
      const q = c.req.valid('query');
      let zoneCodes: string[];
      if (q.zones) zoneCodes = q.zones.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      else if (q.communes) zoneCodes = await repo.zonesOfCommunes(db, q.communes.split(',').map((s) => s.trim().toUpperCase()));
      else if (q.departement) zoneCodes = await repo.zonesOfDepartement(db, q.departement.toUpperCase());
      else throw new ApiError(400, 'VALIDATION_FAILED', 'Choose the zone: zones= (PMSI codes géo), communes= (INSEE codes) or departement= (or POST a drawn polygon).');
      return zoneIndicators(c, zoneCodes, q.dataset, q.format);
    })
    .post('/zone-indicators', validate('json', z.object({ polygon: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }), dataset: z.string().default(DEFAULT_DATASET), format: z.enum(['json', 'csv']).default('json') })), async (c) => {
      const b = c.req.valid('json');
      const zoneCodes = await repo.zonesInPolygon(db, b.polygon as GeoJSON.Polygon);
      return zoneIndicators(c, zoneCodes, b.dataset, b.format);
    })
    .get('/links', validate('query', z.object({ ej: z.string().optional(), et: z.string().optional() })), async (c) => {
      const { ej, et } = c.req.valid('query');
      if (!ej && !et) throw new ApiError(400, 'VALIDATION_FAILED', 'Give ej= (legal entity) or et= (site) FINESS.');
      return c.json({ links: await repo.effectiveLinks(db, { ej: ej && finessParam(ej), et: et && finessParam(et) }) });
    })
    .get('/links/overrides', async (c) => c.json({ overrides: await repo.listOverrides(db) }))
    .put('/links/overrides', validate('json', z.object({ ej: z.string(), et: z.string(), linked: z.boolean(), note: z.string().max(500).optional() })), async (c) => {
      const b = c.req.valid('json');
      const ej = finessParam(b.ej);
      const et = finessParam(b.et);
      if (!(await repo.findSite(db, et))) throw new ApiError(404, 'ACTOR_NOT_FOUND', `No hospital site with FINESS ${et}: a link must point to a site of the FINESS file.`);
      if (!(await repo.findEstablishment(db, ej))) throw new ApiError(404, 'ACTOR_NOT_FOUND', `No PMSI establishment with FINESS ${ej}.`);
      await repo.upsertOverride(db, { ej, et, linked: b.linked, note: b.note ?? null });
      return c.json({ override: { ej, et, linked: b.linked, note: b.note ?? null }, links: await repo.effectiveLinks(db, { ej }) });
    })
    .delete('/links/overrides/:ej/:et', async (c) => {
      const ej = finessParam(c.req.param('ej'));
      const et = finessParam(c.req.param('et'));
      if (!(await repo.deleteOverride(db, ej, et))) throw new ApiError(404, 'NOT_FOUND', `No override for ${ej} → ${et}.`);
      return c.json({ deleted: true, links: await repo.effectiveLinks(db, { ej }) });
    })
    .post('/flows/import', async (c) => {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError(400, 'IMPORT_INVALID_FILE', 'Send the file as multipart form field "file" (CSV or XLSX: FINESS, année, code géo, séjours).');
      if (file.size > MAX_IMPORT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The file is ${(file.size / 1e6).toFixed(1)} MB; the limit is 20 MB. Split it by year.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isXlsx = file.name.toLowerCase().endsWith('.xlsx') || (bytes[0] === 0x50 && bytes[1] === 0x4b);
      const result = isXlsx ? await parseFlowXlsx(bytes) : parseFlowCsv(new TextDecoder('utf-8').decode(bytes));
      if (!result.ok) throw new ApiError(422, 'IMPORT_INVALID_ROWS', `${result.errors.length} row error(s) in ${file.name}: nothing was stored. Fix the rows listed in details and import again.`, result.errors);
      const name = String(form.name ?? file.name).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
      const byYear = new Map<number, FlowImportRow[]>();
      for (const r of result.rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
      const datasets = [];
      for (const [year, rows] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
        const id = `import-${name}-${year}`;
        await repo.storeImportedFlows(db, id, `observed flows imported from ${file.name}`, `import of ${file.name}`, rows);
        datasets.push({ id, year, rowCount: rows.length });
      }
      return c.json({ datasets, maskedRowCount: result.maskedRowCount, note: result.maskedRowCount ? `${result.maskedRowCount} masked rows ("1 à 10") were not stored as numbers.` : null }, 201);
    });
};
