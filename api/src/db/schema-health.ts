import type { ColumnType } from 'kysely';

/** Health area tables (migration 2026_11_23_0500_health). Geometry columns are hex EWKB strings. */
export interface HealthTables {
  pmsiZones: { code: string; name: string; populationCount: number | null; geom: string | null; point: string | null };
  communePmsiZones: { communeCode: string; zoneCode: string; year: number; populationCount: number | null };
  healthSites: {
    finess: string; departementCode: string; name: string; category: string; status: string;
    address: string | null; postcode: string | null; city: string | null; communeCode: string | null; zoneCode: string | null; geom: string | null;
  };
  healthEstablishments: { finess: string; sector: 'public' | 'private'; finessKind: 'EJ' | 'ET'; category: string | null; name: string | null; firstYear: number; lastYear: number };
  healthActivity: {
    finess: string; year: number;
    staysMin: number | null; staysMax: number | null; fullMin: number | null; fullMax: number | null;
    partialMin: number | null; partialMax: number | null; sessionsMin: number | null; sessionsMax: number | null;
    maleRatio: number | null; meanAgeYears: number | null; meanLengthOfStayDays: number | null; deathRatio: number | null;
  };
  healthLinks: { ej: string; et: string; score: number; confidence: string; reasons: string };
  healthLinkOverrides: { ej: string; et: string; linked: boolean; note: string | null; createdAt: ColumnType<Date, Date | string | undefined, Date | string> };
  healthFlowDatasets: {
    id: string; label: string; synthetic: boolean; year: number; source: string; params: unknown; rowCount: number;
    createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  healthFlows: { datasetId: string; finess: string; zoneCode: string; stays: number };
}
