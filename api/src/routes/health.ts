import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { parseBbox } from '../domain/territory/bbox.js';
import { DEPARTEMENT_CODE_RE } from '../domain/territory/codes.js';
import { attractivenessZone, leakageAutarky, marketShares } from '../domain/health/flows.js';
import { parseFlowCsv, parseFlowXlsx, type FlowImportRow } from '../domain/health/flow-import.js';
import { activityCoverage, activityTrend } from '../domain/health/trend.js';
import { keepsActivity, siteActivity, SITE_ACTIVITY_LABELS } from '../domain/health/activity.js';
import { flowDatasetLabel, healthText } from '../messages/health.js';
import { bboxAround, competitorsWithin, MAX_COMPETITOR_MINUTES, reachRadiusM } from '../domain/health/competitors.js';
import * as repo from '../repositories/health.js';
import { validate } from './validation.js';
import { csvTextResponse } from './csv.js';
import { csvDecimalOf } from '../domain/export/csv.js';
import { healthZoneCsv } from '../domain/export/health-zone.js';

const FINESS_RE = /^[0-9][0-9AB][0-9]{7}$/;
const ACTIVITY_YEAR = 2024;
const DEFAULT_DATASET = 'modelled-2024';
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const finessParam = (raw: string) => {
  const f = raw.trim().toUpperCase();
  if (!FINESS_RE.test(f)) throw new ApiError(400, 'INVALID_FINESS', healthText.invalidFiness(raw));
  return f;
};

async function datasetOr404(deps: AppDeps, id: string) {
  const d = await repo.flowDataset(deps.database.db, id);
  if (!d) {
    const known = (await repo.listFlowDatasets(deps.database.db)).map((x) => x.id);
    throw new ApiError(404, 'UNKNOWN_FLOW_DATASET', healthText.unknownDataset(id, known));
  }
  return { id: d.id, label: flowDatasetLabel(d), synthetic: d.synthetic, year: d.year, source: d.source };
}

const zoneQuery = z.object({
  zones: z.string().optional(),
  communes: z.string().optional(),
  departement: z.string().regex(DEPARTEMENT_CODE_RE).optional(),
  dataset: z.string().default(DEFAULT_DATASET),
  format: z.enum(['json', 'csv']).default('json'),
});

const competitorQuery = z.object({
  maxMinutes: z.coerce.number({ message: 'maxMinutes must be a number of minutes' })
    .gt(0, 'maxMinutes must be more than 0 minutes').max(MAX_COMPETITOR_MINUTES, `maxMinutes is at most ${MAX_COMPETITOR_MINUTES} minutes (3 hours)`).default(30),
  year: z.coerce.number().int().min(2015).max(2024).default(ACTIVITY_YEAR),
  /** 'mco' (default): MCO sites only, not outpatient psychiatric centres, consultations, SSR or long-term care; 'all': every site. */
  activity: z.enum(['mco', 'all']).default('mco'),
});

export const healthRoutes = (deps: AppDeps) => {
  const db = deps.database.db;
  /** Stays by establishment, market shares, leakage and autarky of a set of code géo zones (JSON or CSV). */
  async function zoneIndicators(c: Context, zoneCodes: string[], datasetId: string, format: 'json' | 'csv') {
    const dataset = await datasetOr404(deps, datasetId);
    if (!zoneCodes.length) throw new ApiError(404, 'ZONE_EMPTY', healthText.zoneEmpty);
    const inside = await repo.establishmentsInZones(db, zoneCodes);
    const rows = await repo.flowsTouching(db, datasetId, zoneCodes, inside);
    const la = leakageAutarky(rows, zoneCodes, inside);
    const names = new Map((await Promise.all(la.byEstablishment.map((e) => repo.findEstablishment(db, e.finess)))).filter(Boolean).map((e) => [e!.finess, e!.name]));
    const byEstablishment = la.byEstablishment.map((e) => ({ ...e, name: names.get(e.finess) ?? null }));
    if (format === 'csv') {
      const csv = healthZoneCsv({ dataset, zoneCodes, ...la, byEstablishment }, { decimal: csvDecimalOf(c.req.query('decimal')) }, c.req.query('machineNames') === '1');
      return csvTextResponse(c, `indicateurs-zone-sante-${dataset.id}`, csv);
    }
    return c.json({ dataset, zoneCodes, establishmentsInside: inside, ...la, byEstablishment });
  }

  return new Hono()
    .get('/actors', validate('query', z.object({ bbox: z.string().optional(), year: z.coerce.number().int().min(2015).max(2024).default(ACTIVITY_YEAR) })), async (c) => {
      const { bbox: text, year } = c.req.valid('query');
      const bbox = text ? parseBbox(text) : null;
      if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
      return c.json({ year, source: healthText.actorsSource, actors: await repo.listActors(db, bbox, year) });
    })
    .get('/actors/:finess', async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const site = await repo.findSite(db, finess);
      const ownEstablishment = await repo.findEstablishment(db, finess);
      if (!site && !ownEstablishment) throw new ApiError(404, 'ACTOR_NOT_FOUND', healthText.actorNotFound(finess));
      // A site → its establishment(s); an establishment (EJ) → its sites.
      const links = site ? await repo.effectiveLinks(db, { et: finess }) : await repo.effectiveLinks(db, { ej: finess });
      const ejCodes = site ? [...new Set([...links.map((l) => l.ej), ...(ownEstablishment ? [finess] : [])])] : [finess];
      const establishments = await Promise.all(ejCodes.map(async (ej) => {
        const e = await repo.findEstablishment(db, ej);
        const series = await repo.activitySeries(db, ej);
        const siteLinks = await repo.effectiveLinks(db, { ej });
        // A site of a multi-site legal entity shows the entity's stays (ScanSanté reports by EJ): said, never as the site's own.
        const entityWide = ej !== site?.finess && siteLinks.length > 1;
        const coverage = activityCoverage(series);
        return {
          finess: ej, name: e?.name ?? null, sector: e?.sector ?? null, category: e?.category ?? null, finessKind: e?.finessKind ?? null,
          activityScope: entityWide ? 'entity' as const : 'establishment' as const,
          siteCount: siteLinks.length,
          activityLabel: entityWide ? healthText.entityActivity(siteLinks.length) : healthText.ownActivity,
          coverage: coverage && { ...coverage, note: [coverage.startsLate ? healthText.dataFrom(coverage.fromYear) : null, coverage.endsEarly ? healthText.dataUntil(coverage.toYear) : null].filter(Boolean).join(', ') || null },
          activity: series, trend: activityTrend(series), caseMix: series.at(-1) ?? null,
          sites: (await repo.sitesByFiness(db, siteLinks.map((l) => l.et))).map((s) => ({ ...s, link: siteLinks.find((l) => l.et === s.finess) })),
        };
      }));
      const routing = deps.routing.status;
      const competitors = !site
        ? { available: false, reason: healthText.competitorsNeedSite }
        : routing.active
          ? { available: true, reason: null, path: `/api/health/actors/${finess}/competitors?maxMinutes=30` }
          : { available: false, reason: healthText.competitorsNoRoads(routing.reason) };
      return c.json({ site, establishments, links, competitors });
    })
    .get('/actors/:finess/competitors', validate('query', competitorQuery), async (c) => {
      const finess = finessParam(c.req.param('finess'));
      const { maxMinutes, year, activity } = c.req.valid('query');
      const site = await repo.findSite(db, finess);
      if (!site) throw new ApiError(404, 'ACTOR_NOT_FOUND', healthText.siteNotFound(finess));
      const network = deps.routing.requireNetwork(); // 503 NOT_AVAILABLE with the reason (no graph, still building)
      const maxDurationSec = maxMinutes * 60;
      const around = bboxAround(site.point, reachRadiusM(maxDurationSec, network.snapOptions.maxSnapDistanceM));
      const inReach = (await repo.listActors(db, around, year)).filter((a) => a.finess !== finess).map((a) => ({ ...a, activity: siteActivity(a.category, a.name) }));
      const candidates = inReach.filter((a) => keepsActivity(activity, a.activity));
      const found = competitorsWithin(network, site.point, candidates, maxDurationSec);
      if (!found) throw new ApiError(409, 'SITE_OFF_NETWORK', healthText.siteOffNetwork(site.name, finess, deps.routing.status.source ?? 'source inconnue'), { finess, point: site.point });
      // The filter is said with the number of sites it set aside within the same drive time (not merely in the box).
      const excluded = activity === 'all' ? 0 : (competitorsWithin(network, site.point, inReach.filter((a) => !keepsActivity(activity, a.activity)), maxDurationSec)?.competitors.length ?? 0);
      const ownEntities = new Set((await repo.effectiveLinks(db, { et: finess })).map((l) => l.ej));
      const competitors = found.competitors.map((a) => ({
        finess: a.finess, name: a.name, category: a.category, status: a.status, city: a.city, point: a.point,
        activity: a.activity, activityLabel: SITE_ACTIVITY_LABELS[a.activity],
        durationSec: Math.round(a.durationSec), distanceM: Math.round(a.distanceM),
        establishment: a.establishment, stays: a.stays,
        sameCategory: a.category === site.category,
        /** A sister site of the same legal entity: listed, but not a competitor. */
        sameEstablishment: !!a.establishment && ownEntities.has(a.establishment.finess),
      }));
      const status = deps.routing.status;
      return c.json({
        site: { finess: site.finess, name: site.name, category: site.category, point: site.point },
        maxMinutes, year, direction: healthText.competitorDirection,
        activityFilter: { activity, label: healthText.activityFilter(activity, excluded), excludedCount: excluded },
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
      if (!series.length) throw new ApiError(404, 'ACTOR_NOT_FOUND', healthText.noActivity(finess));
      return c.json({ finess, source: healthText.activitySource, activity: series, trend: activityTrend(series), coverage: activityCoverage(series) });
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
    .get('/flows/datasets', async (c) => c.json({ datasets: (await repo.listFlowDatasets(db)).map((d) => ({ ...d, label: flowDatasetLabel(d) })) }))
    .get('/flows', validate('query', z.object({ dataset: z.string().default(DEFAULT_DATASET), finess: z.string().optional(), zone: z.string().optional() })), async (c) => {
      const q = c.req.valid('query');
      if (!q.finess && !q.zone) throw new ApiError(400, 'VALIDATION_FAILED', healthText.flowsQuery);
      const dataset = await datasetOr404(deps, q.dataset);
      return c.json({ dataset, flows: await repo.flows(db, q.dataset, { finess: q.finess ? finessParam(q.finess) : undefined, zoneCodes: q.zone ? q.zone.split(',') : undefined }) });
    })
    .get('/zones', validate('query', z.object({ bbox: z.string(), limit: z.coerce.number().int().min(1).max(2000).default(500) })), async (c) => {
      const { bbox: text, limit } = c.req.valid('query');
      const bbox = parseBbox(text);
      if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
      const r = await repo.zonesInBbox(db, bbox, limit);
      return c.json({ source: healthText.pmsiZonesSource, truncated: r.truncated, geojson: { type: 'FeatureCollection', features: r.zones.map((z) => ({ type: 'Feature', id: z.code, properties: { code: z.code, name: z.name, populationCount: z.populationCount }, geometry: z.geometry })) } });
    })
    .get('/zone-indicators', validate('query', zoneQuery), async (c) => {
      const q = c.req.valid('query');
      let zoneCodes: string[];
      if (q.zones) zoneCodes = q.zones.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      else if (q.communes) zoneCodes = await repo.zonesOfCommunes(db, q.communes.split(',').map((s) => s.trim().toUpperCase()));
      else if (q.departement) zoneCodes = await repo.zonesOfDepartement(db, q.departement.toUpperCase());
      else throw new ApiError(400, 'VALIDATION_FAILED', healthText.zoneChoice);
      return zoneIndicators(c, zoneCodes, q.dataset, q.format);
    })
    .post('/zone-indicators', validate('json', z.object({ polygon: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }), dataset: z.string().default(DEFAULT_DATASET), format: z.enum(['json', 'csv']).default('json') })), async (c) => {
      const b = c.req.valid('json');
      const zoneCodes = await repo.zonesInPolygon(db, b.polygon as GeoJSON.Polygon);
      return zoneIndicators(c, zoneCodes, b.dataset, b.format);
    })
    .get('/links', validate('query', z.object({ ej: z.string().optional(), et: z.string().optional() })), async (c) => {
      const { ej, et } = c.req.valid('query');
      if (!ej && !et) throw new ApiError(400, 'VALIDATION_FAILED', healthText.linksQuery);
      return c.json({ links: await repo.effectiveLinks(db, { ej: ej && finessParam(ej), et: et && finessParam(et) }) });
    })
    .get('/links/overrides', async (c) => c.json({ overrides: await repo.listOverrides(db) }))
    .put('/links/overrides', validate('json', z.object({ ej: z.string(), et: z.string(), linked: z.boolean(), note: z.string().max(500).optional() })), async (c) => {
      const b = c.req.valid('json');
      const ej = finessParam(b.ej);
      const et = finessParam(b.et);
      if (!(await repo.findSite(db, et))) throw new ApiError(404, 'ACTOR_NOT_FOUND', healthText.linkSiteNotFound(et));
      if (!(await repo.findEstablishment(db, ej))) throw new ApiError(404, 'ACTOR_NOT_FOUND', healthText.establishmentNotFound(ej));
      await repo.upsertOverride(db, { ej, et, linked: b.linked, note: b.note ?? null });
      return c.json({ override: { ej, et, linked: b.linked, note: b.note ?? null }, links: await repo.effectiveLinks(db, { ej }) });
    })
    .delete('/links/overrides/:ej/:et', async (c) => {
      const ej = finessParam(c.req.param('ej'));
      const et = finessParam(c.req.param('et'));
      if (!(await repo.deleteOverride(db, ej, et))) throw new ApiError(404, 'NOT_FOUND', healthText.overrideNotFound(ej, et));
      return c.json({ deleted: true, links: await repo.effectiveLinks(db, { ej }) });
    })
    .post('/flows/import', async (c) => {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError(400, 'IMPORT_INVALID_FILE', healthText.importNoFile);
      if (file.size > MAX_IMPORT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', healthText.importTooLarge(file.size / 1e6));
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isXlsx = file.name.toLowerCase().endsWith('.xlsx') || (bytes[0] === 0x50 && bytes[1] === 0x4b);
      const known = await repo.flowReferences(db);
      const result = isXlsx ? await parseFlowXlsx(bytes, known) : parseFlowCsv(new TextDecoder('utf-8').decode(bytes), known);
      if (!result.ok) throw new ApiError(422, 'IMPORT_INVALID_ROWS', healthText.importInvalidRows(result.errors.length, file.name), result.errors);
      const name = String(form.name ?? file.name).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
      const byYear = new Map<number, FlowImportRow[]>();
      for (const r of result.rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
      const datasets = [];
      for (const [year, rows] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
        const id = `import-${name}-${year}`;
        await repo.storeImportedFlows(db, id, healthText.importedLabel(file.name), healthText.importedSource(file.name), rows);
        datasets.push({ id, year, rowCount: rows.length });
      }
      return c.json({ datasets, maskedRowCount: result.maskedRowCount, note: result.maskedRowCount ? healthText.maskedRows(result.maskedRowCount) : null }, 201);
    });
};
