/** Shape of the committed territory artifacts (data/territory/territory-2026.json.gz). */
export type GeometryStatus = 'exact' | 'merged' | 'approximate_parent_2018' | 'missing';

export interface CommuneArtifact {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  epciCode: string | null;
  zone: 'metro' | 'drom' | 'com';
  postcodes: string[];
  populationCount: number;
  /** INSEE population 2016 re-keyed to the 2026 commune; null where a later split makes it incomparable. */
  population2016Count: number | null;
  geometryStatus: GeometryStatus;
  geometryNote: string | null;
}

export interface TerritoryArtifacts {
  version: string;
  communes: CommuneArtifact[];
  departements: { code: string; name: string; regionCode: string; zone: string }[];
  regions: { code: string; name: string; zone: string }[];
  epcis: { code: string; name: string; kind: string }[];
  history: { oldCode: string; oldName: string; newCode: string; kind: 'merged' | 'deleguee' | 'associee' }[];
  report: { unmapped2018: string[]; approximate: string[]; noPolygon: string[] };
}
