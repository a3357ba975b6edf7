/** Isochrone downloads: the computed isochrone plus the communes' départements and the origin's name → GeoJSON / CSV. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FeatureCollection, Geometry } from 'geojson';
import { communesByCode } from '../repositories/commune-resolve.js';
import { communeLabel } from '../domain/territory/commune-names.js';
import { isochroneCommunesCsvLines, isochroneGeoJson, type IsochroneExportBand, type IsochroneExportInput, type IsochroneExportNetwork } from '../domain/export/isochrone.js';
import type { CsvOptions } from '../domain/export/csv.js';
import type { PointInput } from './routing.js';

/** The part of RoutingService.isochrone's answer the exports read. */
export interface IsochroneResultForExport {
  origin: { lon: number; lat: number };
  polygons: FeatureCollection<Geometry, { breakSec: number }> | null;
  bands: IsochroneExportBand[];
  communes: { code: string; name: string; populationCount: number; durationSec: number }[];
}

export async function isochroneExport(
  db: Kysely<DB>,
  request: { result: IsochroneResultForExport; breaksSec: number[]; origin: PointInput; network: IsochroneExportNetwork; communeTimeRule: string },
) {
  const { result } = request;
  const originCode = Array.isArray(request.origin) ? null : request.origin.communeCode.toUpperCase();
  const known = new Map((await communesByCode(db, [...result.communes.map((c) => c.code), ...(originCode ? [originCode] : [])])).map((c) => [c.code, c]));
  const originCommune = originCode ? known.get(originCode) : undefined;
  const originLabel = originCommune ? communeLabel(originCommune) : `${result.origin.lon.toFixed(5)}, ${result.origin.lat.toFixed(5)}`;
  const input: IsochroneExportInput = {
    originLabel,
    origin: result.origin,
    breaksSec: request.breaksSec,
    bands: result.bands,
    polygons: result.polygons,
    communes: result.communes.map((c) => ({
      ...c,
      departementCode: known.get(c.code)?.departementCode ?? '',
      departementName: known.get(c.code)?.departementName ?? '',
    })),
    network: request.network,
    communeTimeRule: request.communeTimeRule,
    generatedAt: new Date(),
  };
  const fileName = `isochrone-${originCommune ? `${originCommune.name}-${originCommune.departementCode}` : 'point'}-${Math.max(...request.breaksSec) / 60}min`;
  return {
    fileName,
    geoJson: () => isochroneGeoJson(input),
    csvLines: (options: CsvOptions, machineNames: boolean) => isochroneCommunesCsvLines(input, options, machineNames),
  };
}
