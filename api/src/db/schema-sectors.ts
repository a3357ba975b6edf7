import type { ColumnType, Generated } from 'kysely';

/** Sales sectors (migration 2026_12_01_0400_sectors): plans, immutable versions, their sectors and assignments. */
export interface SectorTables {
  sectorPlans: {
    id: Generated<string>;
    workspaceId: string;
    name: string;
    currentVersion: Generated<number>;
    createdBy: Generated<string>;
    createdAt: ColumnType<Date, Date | string | undefined, never>;
    updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
    deletedAt: ColumnType<Date | null, never, string | null>;
  };
  sectorPlanVersions: {
    planId: string;
    version: number;
    workspaceId: string;
    parentVersion: number | null;
    note: Generated<string>;
    options: ColumnType<unknown, string, string>;
    kpis: ColumnType<unknown, string, string>;
    createdAt: ColumnType<Date, Date | string | undefined, never>;
  };
  sectorPlanSectors: {
    planId: string;
    version: number;
    key: string;
    position: number;
    name: string;
    owner: string | null;
    colour: string | null;
    baseLon: number | null;
    baseLat: number | null;
    baseCommuneCode: string | null;
    locked: Generated<boolean>;
  };
  sectorPlanAssignments: {
    planId: string;
    version: number;
    communeCode: string;
    sectorKey: string;
    locked: Generated<boolean>;
  };
}
