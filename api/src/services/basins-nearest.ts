/**
 * Drive-time basins (issue 15): every commune to its nearest actor of a set (maternity wards, GPs, FINESS
 * categories, any point layer) by drive time, the population beyond 30 / 45 min, ties and off-network communes
 * said; optionally saved as a computed indicator « temps d'accès au plus proche … » and as zones kind 'basin'
 * (one per actor). Times: one multi-source search from all actors (services/basins-times.ts nearestActorTimes), no
 * actor × commune table — measured for 1,000 FINESS sites against the PHAST store-times table (7–8 s on the shared
 * 2-core machine) and bucket-CH pairs (9 s, 42 s staged): see docs/benchmarks.md. Importable without HTTP
 * (scripts/bench-basins.ts).
 */
import { ApiError } from '../errors.js';
import { basinsApiText as t } from '../messages/basins-api.js';
import { areaCommunes } from './areas-times.js';
import { loadActors, type ActorInput } from './basins-sources.js';
import { saveComputedIndicator } from './basins-indicators.js';
import { basinError, type BasinsDeps } from './basins-accessibility.js';
import { saveZones } from './zones-bulk.js';
import { nearestActorTimes } from './basins-times.js';
import { checkCatchment, summarizeNearest } from '../domain/basins/index.js';

export interface NearestInput {
  actors: ActorInput;
  cutoffMin?: number;
  thresholdsMin?: number[];
  save?: { name: string; zones?: boolean };
  maxSnapM?: number;
}

export const DEFAULT_NEAREST_CUTOFF_MIN = 90;
export const DEFAULT_THRESHOLDS_MIN = [30, 45];
/** One zone per actor: 1,000 covers every maternity ward (≈ 420 equipped communes) or 1,000 FINESS sites in one save. */
export const MAX_BASIN_ZONES = 1000;

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function nearestFor(deps: BasinsDeps, input: NearestInput) {
  deps.routing.requireNetwork();
  const cutoffMin = input.cutoffMin ?? DEFAULT_NEAREST_CUTOFF_MIN;
  const thresholdsMin = [...new Set(input.thresholdsMin ?? DEFAULT_THRESHOLDS_MIN)].sort((a, b) => a - b);
  try {
    checkCatchment(cutoffMin, 'cutoffMin');
  } catch (e) {
    basinError(e);
  }
  if (thresholdsMin.some((m) => !(m > 0 && m <= cutoffMin))) throw new ApiError(400, 'BAD_INPUT', t.badThresholds(cutoffMin), { field: 'thresholdsMin' });
  const db = deps.database.db;
  const communes = await areaCommunes(deps.database);
  const actors = await loadActors(db, communes, input.actors);
  const keys = actors.points.map((p) => p.key);
  const at = await nearestActorTimes(deps.routing, deps.database, actors.points, cutoffMin * 60, input.maxSnapM);
  const offNetwork = keys.flatMap((key, s) => (at.actorReasons[s] ? [{ key, label: actors.points[s].label, reason: at.actorReasons[s]! }] : []));
  if (offNetwork.length === keys.length) {
    throw new ApiError(422, 'NO_ACTOR_ON_NETWORK', t.noActorOnNetwork(actors.label, at.maxSnapM), { field: 'actors', offNetwork: offNetwork.slice(0, 200) });
  }
  const t0 = performance.now();
  const offSet = new Set(at.offNetworkCommuneCodes);
  const snappedCommune = communes.map((c) => !offSet.has(c.code));
  // Off-network communes weigh nothing in the shares; they are reported apart, not as "beyond 45 min".
  const population = Float64Array.from(communes, (c, i) => (snappedCommune[i] ? c.populationCount : 0));
  let basins;
  try {
    const opts = { cutoffSec: cutoffMin * 60, thresholdsSec: thresholdsMin.map((m) => m * 60) };
    basins = summarizeNearest(at.assignment, actors.points.length, population, opts);
  } catch (e) {
    basinError(e);
  }
  const offCount = at.offNetworkCommuneCodes.length;
  const offPop = communes.reduce((a, c, i) => a + (snappedCommune[i] ? 0 : c.populationCount), 0);
  const timeSec = Array.from(basins.timeSec, (x) => (Number.isFinite(x) ? round1(x) : null));
  const computeMs = performance.now() - t0;
  const label = t.nearestLabel(actors.label);
  const method = {
    type: 'nearest_actor', actors: input.actors, actorsLabel: actors.label, actorsPlacement: actors.placement, cutoffMin, thresholdsMin,
    timeRule: t.timeRule, network: at.network.name, maxSnapM: at.maxSnapM, tieRule: 'lowest actor index',
  };
  let saved;
  if (input.save) {
    // One zone per actor that is the nearest of some commune (the others would be empty).
    const zonesToSave = input.save.zones
      ? actors.points.flatMap((p, s) => (basins.perActor[s].communeCount === 0 ? [] : [{
        name: t.basinZoneName(input.save!.name, p.label), description: t.basinZoneDescription(actors.label, cutoffMin),
        members: communes.flatMap((c, i) => (basins.actorOfCommune[i] === s ? [{ communeCode: c.code, weight: 1 }] : [])),
        method: { ...method, type: 'nearest_actor_basin', actor: p.key, quality: 'computed' },
      }]))
      : [];
    if (zonesToSave.length > MAX_BASIN_ZONES) throw new ApiError(400, 'BASINS_TOO_MANY_ZONES', t.tooManyZones(zonesToSave.length, MAX_BASIN_ZONES), { field: 'save.zones', count: zonesToSave.length, max: MAX_BASIN_ZONES });
    const indicator = await saveComputedIndicator(db, {
      label: input.save.name.trim() ? `${input.save.name.trim()} — ${label}` : label, unit: 'min',
      definition: t.nearestDefinition(actors.label, cutoffMin), source: t.nearestSource(actors.label, at.network.name ?? '?'), method,
    }, communes.map((c) => c.code), timeSec.map((x) => (x === null ? null : Math.round((x / 60) * 100) / 100)));
    const zones = zonesToSave.length ? await saveZones(db, 'basin', zonesToSave, { max: MAX_BASIN_ZONES }) : { zones: [], skippedEmpty: [] };
    saved = { indicatorId: indicator.indicatorId, label: indicator.label, zones: zones.zones.map((z) => ({ id: z.id, name: z.name, communeCount: z.communeCount })), skippedEmpty: zones.skippedEmpty };
  }
  return {
    quality: 'computed' as const,
    label,
    labels: [t.computedLabel, ...(actors.synthetic ? [t.syntheticActors] : [])],
    synthetic: actors.synthetic,
    method,
    actorSet: { label: actors.label, source: actors.source, year: actors.year, placement: actors.placement, pointCount: keys.length },
    actors: actors.points.map((p, s) => ({ key: p.key, label: p.label, lon: p.lon, lat: p.lat, ...basins.perActor[s], offNetworkReason: at.actorReasons[s] })),
    offNetwork,
    values: { codes: communes.map((c) => c.code), actorIndex: Array.from(basins.actorOfCommune), timeSec },
    tiedCommuneCodes: basins.tiedCommunes.map((c) => communes[c].code),
    tiesNote: basins.tiedCommunes.length ? t.tiesNote(basins.tiedCommunes.length) : null,
    unreached: { communeCount: basins.unreachedCommuneCount - offCount, populationCount: basins.unreachedPopulationCount },
    beyond: basins.beyond.map((b) => ({ thresholdMin: b.thresholdSec / 60, communeCount: b.communeCount - offCount, populationCount: b.populationCount, shareRatio: b.shareRatio })),
    offNetworkCommunes: { communeCount: offCount, populationCount: offPop, communeCodes: at.offNetworkCommuneCodes.slice(0, 200), reason: at.offNetworkCommuneReason },
    network: { ...at.network, maxSnapM: at.maxSnapM, cutoffSec: cutoffMin * 60, timeRule: t.timeRule },
    timing: { engine: 'multi-source-dijkstra', timesMs: at.timesMs, computeMs: Math.round(computeMs) },
    ...(saved ? { saved } : {}),
  };
}
