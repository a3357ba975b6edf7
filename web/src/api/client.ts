import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../api/src/app';
import { errors } from '../lib/messages/common';

/** Typed API client (routes and payloads inferred from the Hono app; no hand-written URLs). */
export const api = hc<AppType>(`${location.origin}/api`);

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Resolves a client call to its JSON, turning the API's error shape into an ApiRequestError. */
export async function call<T>(request: Promise<Response & { json(): Promise<T> }>): Promise<T> {
  const res = await request;
  if (!res.ok && res.status !== 301) {
    const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiRequestError(res.status, body?.error.code ?? 'HTTP_' + res.status, body?.error.message ?? errors.httpStatus(res.status));
  }
  return res.json();
}

export type CommuneSheetData = Exclude<InferResponseType<(typeof api.communes)[':code']['$get'], 200>, { replaced: true }>;
export type CommuneProfile = InferResponseType<(typeof api.communes)[':code']['profile']['$get'], 200>;
export type SearchResult = InferResponseType<typeof api.communes.search.$get, 200>['results'][number];
export type Indicator = InferResponseType<typeof api.indicators.$get, 200>['indicators'][number];
export type IsochroneResult = InferResponseType<typeof api.routing.isochrones.$post, 200>;
export type RoutingStatus = InferResponseType<typeof api.routing.status.$get, 200>;

/** Tile URL template for MapLibre sources (absolute: tiles are fetched from workers). */
export const tileUrl = (layer: string) => `${location.origin}/api/tiles/${layer}/{z}/{x}/{y}.pbf`;
export type LayerSummary = InferResponseType<typeof api.layers.$get, 200>['layers'][number];
export type LayerFeatures = InferResponseType<(typeof api.layers)[':id']['features']['$get'], 200>;

export interface ImportPreview {
  fileName: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[] | null;
  columns: string[];
  rowCount: number;
  rows: { row: number; values: Record<string, unknown> }[];
  suggestedMapping: Record<string, string | undefined>;
}

export interface ImportResult {
  layer: LayerSummary | null;
  report: {
    rowsRead: number;
    imported: number;
    rejected: number;
    byPrecision: Record<string, number>;
    byLocatedVia: Record<string, number>;
    duplicateKeys: { key: string; rows: number[] }[];
    rejects: { row: number; key: string | null; errors: { field: string; reason: string }[] }[];
  };
}
