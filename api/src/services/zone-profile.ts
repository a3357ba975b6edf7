import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { zoneMessages, zoneNotes } from '../messages/zones.js';
import { aggregateIndicator, indexBase100, type WeightedMember } from '../domain/indicators/aggregate.js';
import { pickIndicators, publicDef, type CommuneFacts, type IndicatorDef } from '../domain/indicators/registry.js';
import { providersOf, registryDefs } from '../domain/indicators/providers/index.js';
import { territoryFacts } from '../domain/indicators/providers/territory.js';
import { inseeFacts } from '../domain/indicators/providers/insee.js';
import { filosofiFacts } from '../domain/indicators/providers/filosofi.js';
import { AGE_DEFS, ageFacts, aggregateAgeBands, ageNote, type AgeBandCount, type AgeStructure } from '../domain/indicators/providers/age.js';
import { eurostatFacts, EUROSTAT_GDP_YEAR } from '../domain/indicators/providers/eurostat.js';
import { healthFacts, HEALTH_TABLE_IDS } from '../domain/indicators/providers/health.js';
import { layerFacts, type LayerInfo } from '../domain/indicators/providers/layers.js';
import { departementEconomy } from '../repositories/insee.js';
import {
  ageBandRows, areaName, communeBase, communeCodesOfArea, indicatorDataVersion, inseeFactRows, layerCommuneAggregates, registryLayers, tableIndicatorValues,
  type CommuneBase,
} from '../repositories/zone-facts.js';
import { zoneMembers } from '../repositories/zones.js';
import { zoneOr404 } from './zones.js';

export type ReferenceLevel = 'departement' | 'region' | 'france';

/** The registry as of now (static providers + one set per live layer). */
export async function indicatorRegistry(db: Kysely<DB>): Promise<IndicatorDef[]> {
  return registryDefs(await registryLayers(db));
}

export async function listRegistry(db: Kysely<DB>) {
  return (await indicatorRegistry(db)).map(publicDef);
}

/** Loads the per-commune facts the definitions read, for `codes` (null = every commune). */
export async function loadFacts(db: Kysely<DB>, defs: readonly IndicatorDef[], codes: string[] | null, layers: readonly LayerInfo[], base?: CommuneBase[]) {
  const providers = providersOf(defs);
  base ??= await communeBase(db, codes);
  const tableIds = ['population_change_2016_2023', ...(providers.has('health') ? HEALTH_TABLE_IDS : [])];
  const table = await tableIndicatorValues(db, tableIds, codes);
  const facts: CommuneFacts = territoryFacts(base, new Map([...table].map(([c, v]) => [c, v.population_change_2016_2023 ?? null])));
  if (providers.has('insee') || providers.has('filosofi')) {
    const rows = await inseeFactRows(db, codes);
    inseeFacts(rows, facts);
    filosofiFacts(rows, facts);
  }
  let ageBands = new Map<string, AgeBandCount[]>();
  if (providers.has('age')) ageFacts((ageBands = await ageBandRows(db, codes)), facts);
  if (providers.has('eurostat')) {
    const deps = [...new Set(base.map((b) => b.departementCode))];
    const econ = await departementEconomy(db, deps, EUROSTAT_GDP_YEAR);
    eurostatFacts(new Map(base.map((b) => [b.code, b.departementCode])), new Map(econ.map((e) => [e.departementCode, e.gdpPerInhabitantEur])), facts);
  }
  if (providers.has('health')) healthFacts(table, new Map(base.map((b) => [b.code, b.populationCount])), facts);
  const usedLayers = layers.filter((l) => defs.some((d) => d.provider === 'layers' && d.id.startsWith(`layer:${l.id}:`)));
  if (usedLayers.length) layerFacts(usedLayers, base.map((b) => b.code), await layerCommuneAggregates(db, usedLayers, codes), facts);
  return { facts, base, ageBands };
}

function pickOr400(all: IndicatorDef[], ids: string[] | null) {
  const { defs, unknown } = pickIndicators(all, ids);
  if (unknown.length) throw new ApiError(400, 'UNKNOWN_INDICATOR', zoneMessages.unknownIndicators(unknown), { unknown });
  return defs;
}

/** The reference area of a zone: the département / région holding the largest share of its population, or France. */
async function referenceOf(db: Kysely<DB>, level: ReferenceLevel, members: readonly WeightedMember[], base: Map<string, CommuneBase>) {
  if (level === 'france') return { level, code: null as string | null, name: 'France', shared: false };
  const weight = new Map<string, number>();
  for (const m of members) {
    const b = base.get(m.communeCode);
    if (!b) continue;
    const k = level === 'departement' ? b.departementCode : b.regionCode;
    weight.set(k, (weight.get(k) ?? 0) + m.weight * Math.max(b.populationCount, 1));
  }
  const [code] = [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [null];
  return { level, code, name: code ? ((await areaName(db, level, code)) ?? code) : 'France', shared: weight.size > 1 };
}

interface ZoneInput {
  id: string;
  name: string;
  version: number;
  kind: string;
  method: unknown;
  members: WeightedMember[];
}

async function zoneInput(db: Kysely<DB>, workspaceId: string, id: string, version?: number): Promise<ZoneInput> {
  const { zone, version: v } = await zoneOr404(db, workspaceId, id, version);
  const members = (await zoneMembers(db, workspaceId, id, v)).map((m) => ({ communeCode: m.communeCode, weight: m.weight }));
  return { id: zone.id, name: zone.name, version: v, kind: zone.kind, method: zone.method, members };
}

/** Reference figures (a département, a région, France) by data version: they change only when the data does. */
const referenceCache = new Map<string, { values: Map<string, number | null>; age: AgeStructure }>();
const REFERENCE_CACHE_SIZE = 64;

async function referenceFigures(db: Kysely<DB>, version: string, key: string, codes: string[] | null, defs: readonly IndicatorDef[], layers: readonly LayerInfo[]) {
  const cacheKey = `${version}|${key}`;
  const cached = referenceCache.get(cacheKey);
  const missing = defs.filter((d) => !cached?.values.has(d.id));
  if (cached && !missing.length) return cached;
  const { facts, base, ageBands } = await loadFacts(db, [...missing, AGE_DEFS[0]], codes, layers);
  const members = (codes ?? base.map((b) => b.code)).map((c) => ({ communeCode: c, weight: 1 }));
  const entry = cached ?? { values: new Map<string, number | null>(), age: aggregateAgeBands(members, ageBands) };
  for (const d of missing) entry.values.set(d.id, aggregateIndicator(d, members, facts).value);
  referenceCache.delete(cacheKey);
  referenceCache.set(cacheKey, entry);
  if (referenceCache.size > REFERENCE_CACHE_SIZE) referenceCache.delete(referenceCache.keys().next().value!);
  return entry;
}

/**
 * Figures of several zones, each against its reference: the members' facts are loaded once for all zones;
 * reference figures come from the cache (computed once per data version).
 */
async function computeZones(db: Kysely<DB>, zones: ZoneInput[], ids: string[] | null, level: ReferenceLevel) {
  const layers = await registryLayers(db);
  const defs = pickOr400(registryDefs(layers), ids);
  const memberCodes = [...new Set(zones.flatMap((z) => z.members.map((m) => m.communeCode)))];
  // The pyramid needs the age bands even when no age indicator is asked.
  const { facts, base, ageBands } = await loadFacts(db, [...defs, AGE_DEFS[0]], memberCodes, layers);
  const memberBase = new Map(base.map((b) => [b.code, b]));
  const version = await indicatorDataVersion(db);
  const refs: (Awaited<ReturnType<typeof referenceOf>> & { figures: Awaited<ReturnType<typeof referenceFigures>> })[] = [];
  for (const z of zones) {
    const ref = await referenceOf(db, level, z.members, memberBase);
    const key = `${level}:${ref.code}`;
    const figures = await referenceFigures(db, version, key, await communeCodesOfArea(db, level, ref.code), defs, layers);
    refs.push({ ...ref, figures });
  }
  return zones.map((z, i) => {
    const ref = refs[i];
    const indicators = defs.map((d) => {
      const { value, coverageRatio } = aggregateIndicator(d, z.members, facts);
      const referenceValue = ref.figures.values.get(d.id) ?? null;
      const note = value === null ? zoneNotes.noData : d.aggregation.kind === 'notAdditive' ? d.aggregation.approximation : d.note;
      return {
        id: d.id, label: d.label, unit: d.unit, source: d.source, year: d.year, aggregation: publicDef(d).aggregation, quality: d.quality ?? null,
        value, coverageRatio, referenceValue, index: indexBase100(value, referenceValue), ...(note ? { note } : {}),
      };
    });
    const age = aggregateAgeBands(z.members, ageBands);
    return {
      zone: { id: z.id, name: z.name, version: z.version, kind: z.kind, method: z.method },
      reference: { level: ref.level, code: ref.code, name: ref.name, note: zoneNotes.reference(ref.level, ref.name, ref.shared) },
      indicators,
      ageBands: {
        bands: age.bands.map((b, k) => ({ ...b, referenceShareRatio: ref.figures.age.bands[k].shareRatio })),
        estimated: age.estimated,
        note: ageNote(age),
      },
    };
  });
}

export async function zoneProfile(db: Kysely<DB>, workspaceId: string, id: string, q: { version?: number; indicators: string[] | null; reference: ReferenceLevel }) {
  const zone = await zoneInput(db, workspaceId, id, q.version);
  const [profile] = await computeZones(db, [zone], q.indicators, q.reference);
  return profile;
}

export async function compareZones(db: Kysely<DB>, workspaceId: string, q: { zoneIds: string[]; indicators: string[] | null; reference: ReferenceLevel; versions?: (number | undefined)[] }) {
  if (q.zoneIds.length < 2 || q.zoneIds.length > 6) throw new ApiError(400, 'VALIDATION_FAILED', zoneMessages.compareCount);
  const zones = [];
  for (const [i, id] of q.zoneIds.entries()) zones.push(await zoneInput(db, workspaceId, id, q.versions?.[i]));
  const profiles = await computeZones(db, zones, q.indicators, q.reference);
  const first = profiles[0];
  return {
    zones: profiles.map((p) => ({ id: p.zone.id, name: p.zone.name, version: p.zone.version, kind: p.zone.kind, method: p.zone.method })),
    references: profiles.map((p) => ({ zoneId: p.zone.id, ...p.reference })),
    indicators: first.indicators.map((ind, j) => ({
      id: ind.id, label: ind.label, unit: ind.unit, source: ind.source, year: ind.year, quality: ind.quality, aggregation: ind.aggregation,
      values: profiles.map((p) => p.indicators[j].value),
      coverageRatios: profiles.map((p) => p.indicators[j].coverageRatio),
      referenceValues: profiles.map((p) => p.indicators[j].referenceValue),
      indexes: profiles.map((p) => p.indicators[j].index),
    })),
    ageBands: profiles.map((p) => ({ zoneId: p.zone.id, bands: p.ageBands.bands, estimated: p.ageBands.estimated })),
  };
}

/** One registry indicator's value for every commune (single-commune aggregation), ordered by commune code. */
export async function registryCommuneValues(db: Kysely<DB>, def: IndicatorDef) {
  const layers = await registryLayers(db);
  const { facts, base } = await loadFacts(db, [def], null, layers);
  const codes = base.map((b) => b.code).sort();
  return { codes, values: codes.map((c) => aggregateIndicator(def, [{ communeCode: c, weight: 1 }], facts).value) };
}
