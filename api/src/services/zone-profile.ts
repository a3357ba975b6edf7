import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { zoneMessages, zoneNotes } from '../messages/zones.js';
import { aggregateIndicator, compareToReference, type WeightedMember } from '../domain/indicators/aggregate.js';
import { pickIndicators, publicDef, type IndicatorDef } from '../domain/indicators/registry.js';
import { AGE_DEFS, aggregateAgeBands, ageNote, type AgeStructure } from '../domain/indicators/providers/age.js';
import type { LayerInfo } from '../domain/indicators/providers/layers.js';
import { areaName, communeCodesOfArea, indicatorDataVersion, registryLayers, type CommuneBase } from '../repositories/zone-facts.js';
import { zoneMembers } from '../repositories/zones.js';
import { indicatorRegistry, loadFacts, VersionedCache } from './indicator-facts.js';
import { zoneOr404 } from './zones.js';

export { indicatorRegistry, listRegistry, loadFacts, registryCommuneValues } from './indicator-facts.js';

export type ReferenceLevel = 'departement' | 'region' | 'france';

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
const referenceCache = new VersionedCache<{ values: Map<string, number | null>; age: AgeStructure }>(64);

async function referenceFigures(db: Kysely<DB>, version: string, key: string, codes: string[] | null, defs: readonly IndicatorDef[], layers: readonly LayerInfo[]) {
  const cached = referenceCache.get(version, key);
  const missing = defs.filter((d) => !cached?.values.has(d.id));
  if (cached && !missing.length) return cached;
  const { facts, base, ageBands } = await loadFacts(db, [...missing, AGE_DEFS[0]], codes, layers);
  const members = (codes ?? base.map((b) => b.code)).map((c) => ({ communeCode: c, weight: 1 }));
  const entry = cached ?? { values: new Map<string, number | null>(), age: aggregateAgeBands(members, ageBands) };
  for (const d of missing) entry.values.set(d.id, aggregateIndicator(d, members, facts).value);
  return referenceCache.set(version, key, entry);
}

/**
 * Figures of several member sets (saved zones, or an unsaved one-commune membership), each against its
 * reference: the members' facts are loaded once for all; reference figures come from the cache (computed once
 * per data version). A count is compared by its share of the reference, an intensity by a base-100 index.
 */
async function computeFigures(db: Kysely<DB>, memberSets: readonly (readonly WeightedMember[])[], ids: string[] | null, level: ReferenceLevel) {
  const layers = await registryLayers(db);
  const defs = pickOr400(await indicatorRegistry(db), ids);
  const memberCodes = [...new Set(memberSets.flatMap((ms) => ms.map((m) => m.communeCode)))];
  // The pyramid needs the age bands even when no age indicator is asked.
  const { facts, base, ageBands } = await loadFacts(db, [...defs, AGE_DEFS[0]], memberCodes, layers);
  const memberBase = new Map(base.map((b) => [b.code, b]));
  const version = await indicatorDataVersion(db);
  const refs: (Awaited<ReturnType<typeof referenceOf>> & { figures: Awaited<ReturnType<typeof referenceFigures>> })[] = [];
  for (const members of memberSets) {
    const ref = await referenceOf(db, level, members, memberBase);
    const key = `${level}:${ref.code}`;
    const figures = await referenceFigures(db, version, key, await communeCodesOfArea(db, level, ref.code), defs, layers);
    refs.push({ ...ref, figures });
  }
  return memberSets.map((members, i) => {
    const ref = refs[i];
    const indicators = defs.map((d) => {
      const { value, coverageRatio, exact } = aggregateIndicator(d, members, facts);
      const referenceValue = ref.figures.values.get(d.id) ?? null;
      const note = value === null ? zoneNotes.noData : exact ? d.exactForOneCommune!.note : d.aggregation.kind === 'notAdditive' ? d.aggregation.approximation : d.note;
      return {
        id: d.id, label: d.label, unit: d.unit, source: d.source, year: d.year, aggregation: publicDef(d).aggregation, quality: exact ? null : d.quality ?? null,
        value, coverageRatio, referenceValue, ...compareToReference(d, value, referenceValue), ...(note ? { note } : {}),
      };
    });
    const age = aggregateAgeBands(members, ageBands);
    return {
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

async function computeZones(db: Kysely<DB>, zones: ZoneInput[], ids: string[] | null, level: ReferenceLevel) {
  const figures = await computeFigures(db, zones.map((z) => z.members), ids, level);
  return zones.map((z, i) => ({ zone: { id: z.id, name: z.name, version: z.version, kind: z.kind, method: z.method }, ...figures[i] }));
}

/** The INSEE description of one commune: a zone profile of the unsaved membership { commune, weight 1 }. */
export async function communeFigures(db: Kysely<DB>, communeCode: string, q: { indicators: string[] | null; reference: ReferenceLevel }) {
  const [figures] = await computeFigures(db, [[{ communeCode, weight: 1 }]], q.indicators, q.reference);
  return figures;
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
      sharesOfReference: profiles.map((p) => p.indicators[j].shareOfReferenceRatio),
    })),
    ageBands: profiles.map((p) => ({ zoneId: p.zone.id, bands: p.ageBands.bands, estimated: p.ageBands.estimated })),
  };
}
