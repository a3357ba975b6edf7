// Minimal types for the `shapefile` package (no @types installed): what the ROUTE 500 import uses.
declare module 'shapefile' {
  import type { Feature } from 'geojson';
  export interface Source {
    read(): Promise<{ done: boolean; value: Feature }>;
  }
  export function open(shp: string, dbf?: string, options?: { encoding?: string }): Promise<Source>;
}
