import type { ColumnType, Generated } from 'kysely';
import type { LayerTables } from './schema-layers.js';
import type { HealthTables } from './schema-health.js';
import type { ZoneTables } from './schema-zones.js';
import type { InseeTables } from './schema-insee.js';

/**
 * Kysely table types. Each feature area declares its tables in its own interface and
 * the DB type is their union, so areas do not edit each other's lines.
 * Geometry columns are typed `string` (hex EWKB as returned); read them with ST_AsGeoJSON.
 */
export interface TerritoryTables {
  regions: {
    code: string;
    name: string;
    populationCount: number;
    areaKm2: number | null;
    geom: string | null;
  };
  departements: {
    code: string;
    name: string;
    regionCode: string;
    populationCount: number;
    areaKm2: number | null;
    geom: string | null;
  };
  epcis: {
    code: string;
    name: string;
    kind: string | null;
  };
  communes: {
    code: string;
    name: string;
    searchName: string;
    departementCode: string;
    regionCode: string;
    epciCode: string | null;
    zone: 'metro' | 'drom' | 'com';
    postcodes: string[];
    populationCount: number;
    areaKm2: number | null;
    geometryStatus: string;
    geometryNote: string | null;
    geom: string | null;
    point: string | null;
  };
  communeHistory: {
    oldCode: string;
    oldName: string;
    newCode: string;
    kind: string;
  };
  indicators: {
    id: string;
    label: string;
    unit: string;
    source: string;
    description: string;
    year: number | null;
    scope: string;
  };
  communeIndicatorValues: {
    indicatorId: string;
    communeCode: string;
    value: number | null;
  };
  datasetLoads: {
    name: string;
    version: string;
    loadedAt: ColumnType<Date, Date | string | undefined, Date | string>;
    details: unknown;
  };
}

/** Computed indicators (migration 2026_11_30_2300_computed_indicators): per-commune figures the app computed, with their method. */
export interface ComputedIndicatorTables {
  computedIndicators: {
    id: Generated<string>;
    workspaceId: string;
    label: string;
    unit: string;
    definition: string;
    source: string;
    method: ColumnType<unknown, string, string>;
    quality: Generated<string>;
    createdBy: Generated<string>;
    createdAt: ColumnType<Date, Date | string | undefined, never>;
  };
  computedIndicatorValues: { indicatorId: string; communeCode: string; value: number | null };
}

export type DB = TerritoryTables & LayerTables & HealthTables & InseeTables & ZoneTables & ComputedIndicatorTables & import('./schema-sectors.js').SectorTables;
export type { Generated };
