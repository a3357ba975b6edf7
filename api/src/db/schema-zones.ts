import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Zones area tables (migration 2026_11_30_1100_zones). Every row carries workspace_id. */
export interface ZoneTables {
  workspaces: { id: string; name: string; createdAt: Timestamp };
  zones: {
    id: Generated<string>;
    workspaceId: string;
    name: string;
    description: Generated<string>;
    kind: string;
    method: ColumnType<unknown, string, string>;
    currentVersion: Generated<number>;
    createdBy: Generated<string>;
    createdAt: Generated<Date>;
    updatedAt: Generated<Date>;
    deletedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  zoneVersions: {
    zoneId: string;
    version: number;
    workspaceId: string;
    communeCount: number;
    populationCount: number;
    note: Generated<string>;
    method: ColumnType<unknown, string, string>;
    geom: string | null;
    createdAt: Generated<Date>;
  };
  zoneMembers: { zoneId: string; version: number; workspaceId: string; communeCode: string; weight: number };
  exportLog: {
    id: Generated<string>;
    workspaceId: string;
    userName: string;
    kind: string;
    target: string;
    format: string;
    parameters: ColumnType<unknown, string, string>;
    createdAt: Generated<Date>;
  };
}
