/**
 * The indicator registry as of now and the per-commune facts its definitions read: shared by zone profiles,
 * commune profiles, isochrone bands (indicators over a membership) and the map's per-commune values.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { aggregateIndicator } from '../domain/indicators/aggregate.js';
import { publicDef, type CommuneFacts, type IndicatorDef } from '../domain/indicators/registry.js';
import { providersOf, registryDefs } from '../domain/indicators/providers/index.js';
import { territoryFacts } from '../domain/indicators/providers/territory.js';
import { inseeFacts } from '../domain/indicators/providers/insee.js';
import { filosofiFacts } from '../domain/indicators/providers/filosofi.js';
import { ageFacts, type AgeBandCount } from '../domain/indicators/providers/age.js';
import { eurostatFacts, EUROSTAT_GDP_YEAR } from '../domain/indicators/providers/eurostat.js';
import { healthFacts, healthSiteFacts, pmsiFacts, HEALTH_TABLE_IDS, PMSI_IDS } from '../domain/indicators/providers/health.js';
import { layerFacts, type LayerInfo } from '../domain/indicators/providers/layers.js';
import { computedFacts, computedUuids } from '../domain/indicators/providers/computed.js';
import { computedIndicatorValues, computedIndicatorsVersion, listComputedIndicators } from '../repositories/computed-indicators.js';
import { DEFAULT_WORKSPACE } from '../domain/zones/zone.js';
import { departementEconomy } from '../repositories/insee.js';
import { indicatorValues } from '../repositories/indicators.js';
import {
  ageBandRows, communeBase, healthSiteCounts, indicatorDataVersion as loadedDataVersion, inseeFactRows, layerCommuneAggregates, pmsiStaysByCommune, registryLayers, tableIndicatorValues,
  type CommuneBase,
} from '../repositories/zone-facts.js';

/** The registry as of now (static providers + one set per live layer + the computed indicators). */
export async function indicatorRegistry(db: Kysely<DB>): Promise<IndicatorDef[]> {
  return registryDefs(await registryLayers(db), await listComputedIndicators(db, DEFAULT_WORKSPACE));
}

/** Data loads and layers (zone-facts), and the computed indicators: a save or a delete changes the version too. */
async function indicatorDataVersion(db: Kysely<DB>): Promise<string> {
  return `${await loadedDataVersion(db)}|${await computedIndicatorsVersion(db)}`;
}

export async function listRegistry(db: Kysely<DB>) {
  return (await indicatorRegistry(db)).map(publicDef);
}

/** Loads the per-commune facts the definitions read, for `codes` (null = every commune); only the providers they need. */
export async function loadFacts(db: Kysely<DB>, defs: readonly IndicatorDef[], codes: string[] | null, layers: readonly LayerInfo[], base?: CommuneBase[]) {
  const providers = providersOf(defs);
  const asked = new Set(defs.map((d) => d.id));
  base ??= await communeBase(db, codes);
  const tableIds = [...(asked.has('population_change_2016_2023') ? ['population_change_2016_2023'] : []), ...(providers.has('health') ? HEALTH_TABLE_IDS : [])];
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
  if (providers.has('health')) {
    const population = new Map(base.map((b) => [b.code, b.populationCount]));
    healthFacts(table, population, facts);
    if (asked.has('health_site_count')) healthSiteFacts(base.map((b) => b.code), await healthSiteCounts(db, codes), facts);
    if (PMSI_IDS.some((id) => asked.has(id))) pmsiFacts(await pmsiStays(db, codes), population, facts);
  }
  const usedLayers = layers.filter((l) => defs.some((d) => d.provider === 'layers' && d.id.startsWith(`layer:${l.id}:`)));
  if (usedLayers.length) layerFacts(usedLayers, base.map((b) => b.code), await layerCommuneAggregates(db, usedLayers, codes), facts);
  const computed = computedUuids(defs);
  if (computed.length) computedFacts(computed, base.map((b) => b.code), await computedIndicatorValues(db, computed, codes), facts);
  return { facts, base, ageBands };
}

/** A small LRU keyed by data version: entries change only when the data does (indicatorDataVersion), in every process. */
export class VersionedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size: number) {}
  get(version: string, key: string): T | undefined {
    return this.entries.get(`${version}|${key}`);
  }
  set(version: string, key: string, value: T): T {
    const k = `${version}|${key}`;
    this.entries.delete(k);
    this.entries.set(k, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/**
 * PMSI stays of every commune, per data version: the flows are read once (≈ 150 ms for a 2,000-commune zone
 * when read per profile), then a zone's communes are looked up.
 */
const pmsiCache = new VersionedCache<Map<string, number | null>>(2);
async function pmsiStays(db: Kysely<DB>, codes: string[] | null): Promise<Map<string, number | null>> {
  const version = await indicatorDataVersion(db);
  const all = pmsiCache.get(version, 'all') ?? pmsiCache.set(version, 'all', await pmsiStaysByCommune(db, null));
  if (!codes) return all;
  return new Map(codes.filter((c) => all.has(c)).map((c) => [c, all.get(c)!]));
}

export interface CommuneValues {
  codes: string[];
  values: (number | null)[];
}

/** One indicator's values for every commune, per data version: ≈ 1 s to compute from facts, then read from memory. */
const valuesCache = new VersionedCache<CommuneValues>(64);

/** Every entry lists the same 35,000 codes: keep one array of them (≈ 2 MB) instead of one per entry. */
let sharedCodes: string[] = [];
function internCodes(codes: string[]): string[] {
  if (codes.length === sharedCodes.length && codes.every((c, i) => c === sharedCodes[i])) return sharedCodes;
  return (sharedCodes = codes);
}

/**
 * Indicators whose facts come from the same read as `def`'s: computed together, so the first call of a
 * sibling (another Filosofi figure, another age band) is a cache hit. A layer's figures and the PMSI stays
 * (a read of the flows) stay apart.
 */
function siblingsOf(def: IndicatorDef, registry: readonly IndicatorDef[]): IndicatorDef[] {
  if (def.provider === 'layers' || def.provider === 'computed') return [def];
  const pmsi = (d: IndicatorDef) => (PMSI_IDS as readonly string[]).includes(d.id);
  // The comparateur and Filosofi come from one table (one read).
  const read = (d: IndicatorDef) => (d.provider === 'filosofi' ? 'insee' : d.provider);
  return [def, ...registry.filter((d) => d.id !== def.id && read(d) === read(def) && pmsi(d) === pmsi(def))];
}

/**
 * One registry indicator's value for every commune (single-commune aggregation), ordered by commune code.
 * Null stays null (statistical secret, no data): never 0.
 */
export async function registryCommuneValues(db: Kysely<DB>, def: IndicatorDef): Promise<CommuneValues> {
  const version = await indicatorDataVersion(db);
  const cached = valuesCache.get(version, def.id);
  if (cached) return cached;
  const layers = await registryLayers(db);
  const group = siblingsOf(def, registryDefs(layers));
  const { facts, base } = await loadFacts(db, group, null, layers);
  const codes = internCodes(base.map((b) => b.code).sort());
  // Most recently computed last: the asked indicator is the last one the LRU would drop.
  for (const d of group.slice(1).concat(def)) {
    valuesCache.set(version, d.id, { codes, values: codes.map((c) => aggregateIndicator(d, [{ communeCode: c, weight: 1 }], facts).value) });
  }
  return valuesCache.get(version, def.id)!;
}

/** A stored indicator's values (`commune_indicator_values`), cached like the registry's: they change only with a data load. */
export async function storedCommuneValues(db: Kysely<DB>, id: string): Promise<CommuneValues> {
  const version = await indicatorDataVersion(db);
  const cached = valuesCache.get(version, `stored:${id}`);
  if (cached) return cached;
  const { codes, values } = await indicatorValues(db, id);
  return valuesCache.set(version, `stored:${id}`, { codes: internCodes(codes), values });
}

/**
 * Fills the values cache once at start-up (npm start, in the background): one indicator per read (INSEE +
 * Filosofi, age bands, Eurostat, health), so a user's first choice of an indicator on the map is a cache hit
 * (a first computation costs 0.2–1.2 s on PGlite; a cached one ≈ 10 ms).
 */
export async function warmIndicatorValues(db: Kysely<DB>): Promise<number> {
  const registry = await indicatorRegistry(db);
  const firstOf = new Map<string, IndicatorDef>();
  for (const d of registry) {
    if (d.provider === 'layers' || d.provider === 'computed' || (PMSI_IDS as readonly string[]).includes(d.id)) continue;
    const read = d.provider === 'filosofi' ? 'insee' : d.provider;
    if (!firstOf.has(read)) firstOf.set(read, d);
  }
  for (const d of firstOf.values()) await registryCommuneValues(db, d);
  return firstOf.size;
}
