/** Payloads of the Zones API (issue 13 contract; the routes are typed by hand until api/src/routes/zones.ts lands in AppType). */
export type ZoneKind = 'drawn' | 'list' | 'admin' | 'isochrone' | 'import' | 'trade_area' | 'basin' | 'sector';
export type ReferenceLevel = 'departement' | 'region' | 'france';
export type Quality = 'estimated' | 'approximate' | 'synthetic' | 'modelled' | 'computed';

export interface ZoneSummary {
  id: string;
  name: string;
  description: string | null;
  kind: ZoneKind;
  method: Record<string, unknown> & { type?: string };
  version: number;
  communeCount: number;
  populationCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ZoneDetail extends ZoneSummary {
  versions: { version: number; createdAt: string; communeCount: number; note: string | null }[];
  members: { communeCode: string; name: string; weight: number | null }[];
  geometry: GeoJSON.Geometry | null;
  bbox: [number, number, number, number] | null;
}

export interface Resolution {
  formerCodes: { from: string; to: string[] }[];
  repaired: boolean;
  notes: string[];
}

export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'ratio'; numerator: string; denominator: string; scale: number }
  | { kind: 'weightedMean'; weight: string }
  | { kind: 'notAdditive'; approximation: string };

export interface ProfileIndicator {
  id: string;
  label: string;
  unit: string;
  source: string;
  year: string;
  aggregation: Aggregation;
  quality: Quality | null;
  value: number | null;
  coverageRatio: number;
  referenceValue: number | null;
  index: number | null;
  /** A count compared by its share of the reference's (the index is null then). */
  shareOfReferenceRatio?: number | null;
  note?: string;
}

export interface AgeBand {
  band: string;
  populationCount: number | null;
  shareRatio: number | null;
  referenceShareRatio: number | null;
}

export interface ZoneProfile {
  zone: { id: string; name: string; version: number; kind: ZoneKind; method: ZoneSummary['method'] };
  reference: { level: ReferenceLevel; code: string | null; name: string };
  indicators: ProfileIndicator[];
  ageBands: { bands: AgeBand[]; estimated: boolean; note: string };
}

export interface Comparison {
  zones: { id: string; name: string; version: number }[];
  indicators: {
    id: string;
    label: string;
    unit: string;
    source: string;
    year: string;
    quality: Quality | null;
    values: (number | null)[];
    coverageRatios: number[];
    indexes: (number | null)[];
  }[];
  ageBands: { zoneId: string; bands: AgeBand[] }[];
}

export type CreateZoneBody = {
  name: string;
  description?: string;
  kind?: ZoneKind;
  method?: Record<string, unknown>;
  codes?: string[];
  polygon?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  admin?: { level: 'departement' | 'region' | 'epci'; code: string };
};

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';
