import type { ColumnType, Generated } from 'kysely';

export interface LayerTables {
  layers: {
    id: Generated<string>;
    name: string;
    kind: 'internal' | 'external' | 'computed' | 'reference';
    description: Generated<string>;
    sourceNote: Generated<string>;
    owner: Generated<string>;
    synthetic: Generated<boolean>;
    hidden: Generated<boolean>;
    measures: ColumnType<unknown, string, string>;
    provenance: ColumnType<unknown, string, string>;
    featureCount: Generated<number>;
    createdAt: Generated<Date>;
    updatedAt: Generated<Date>;
    /** Set when deleted (restorable); reads skip these layers. */
    deletedAt: ColumnType<Date | null, never, string | null>;
  };
  layerFeatures: {
    layerId: string;
    key: string;
    sourceRow: number;
    name: string | null;
    category: string | null;
    communeCode: string | null;
    precision: 'coordinates' | 'commune' | 'postcode';
    locatedVia: string;
    measures: ColumnType<Record<string, unknown>, string, string>;
    date: ColumnType<Date | null, string | null, string | null>;
    geom: string;
  };
  roadEdges: {
    network: string;
    id: number;
    source: number;
    target: number;
    costSec: number;
    reverseCostSec: number;
    distanceM: number;
    roadClass: string;
    geom: string;
  };
  layerRejects: {
    layerId: string;
    sourceRow: number;
    key: string | null;
    field: string;
    reason: string;
    severity: Generated<'error' | 'warning'>;
  };
}
