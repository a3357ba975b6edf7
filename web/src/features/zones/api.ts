import { ApiRequestError, type ApiErrorBody } from '../../api/client';
import type { Comparison, CreateZoneBody, ExportFormat, ReferenceLevel, Resolution, ZoneDetail, ZoneProfile, ZoneSummary } from './types';

/**
 * The Zones API (api/src/routes/zones.ts). Plain fetch with the contract's payload types: the routes land in
 * parallel, so the Hono client types cannot be inferred yet. Errors become ApiRequestError (French message),
 * with the error's `details` kept (unknown codes, row-level import report).
 */
export class ZoneApiError extends ApiRequestError {
  constructor(status: number, code: string, message: string, readonly details: unknown) {
    super(status, code, message);
  }
}

const base = () => `${location.origin}/api`;

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(base() + path, init);
  if (!res.ok) throw await errorOf(res);
  return res.json() as Promise<T>;
}

async function errorOf(res: Response): Promise<ZoneApiError> {
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  return new ZoneApiError(res.status, body?.error.code ?? `HTTP_${res.status}`, body?.error.message ?? `Échec de la requête (${res.status}) : réessayez.`, body?.error.details);
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const versionQuery = (version?: number | null) => (version ? `version=${version}` : '');

export const zonesApi = {
  list: () => request<{ zones: ZoneSummary[] }>('/zones'),
  get: (id: string, version?: number | null) => request<{ zone: ZoneDetail }>(`/zones/${encodeURIComponent(id)}?${versionQuery(version)}`),
  create: (body: CreateZoneBody) => request<{ zone: ZoneDetail; resolution: Resolution }>('/zones', json('POST', body)),
  patch: (id: string, body: { name?: string; description?: string; add?: string[]; remove?: string[] }) =>
    request<{ zone: ZoneDetail }>(`/zones/${encodeURIComponent(id)}`, json('PATCH', body)),
  remove: (id: string) => request<{ deleted: true; restorable: boolean }>(`/zones/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  restore: (id: string) => request<{ zone: ZoneDetail }>(`/zones/${encodeURIComponent(id)}/restore`, { method: 'POST' }),
  duplicate: (id: string) => request<{ zone: ZoneDetail }>(`/zones/${encodeURIComponent(id)}/duplicate`, { method: 'POST' }),
  import(file: File) {
    const form = new FormData();
    form.set('file', file);
    return request<{ zones: ZoneSummary[]; report: unknown }>('/zones/import', { method: 'POST', body: form });
  },
  profile: (id: string, version: number | null, reference: ReferenceLevel) =>
    request<ZoneProfile>(`/zones/${encodeURIComponent(id)}/profile?reference=${reference}${version ? `&version=${version}` : ''}`),
  compare: (zoneIds: string[], reference: ReferenceLevel) => request<Comparison>('/zones/compare', json('POST', { zoneIds, reference })),
  logExport: (target: string, parameters: Record<string, unknown>) =>
    request<unknown>('/exports/log', json('POST', { kind: 'map_png', target, parameters })),
};

/** Downloads a zone export (CSV/XLSX/GeoJSON) or a comparison export (CSV/XLSX) under the server's file name. */
export async function downloadExport(
  what: { zoneId: string; version: number | null } | { zoneIds: string[]; reference: ReferenceLevel },
  format: ExportFormat,
) {
  const res =
    'zoneId' in what
      ? await fetch(`${base()}/zones/${encodeURIComponent(what.zoneId)}/export?format=${format}${what.version ? `&version=${what.version}` : ''}`)
      : await fetch(`${base()}/zones/compare/export?format=${format}`, json('POST', { zoneIds: what.zoneIds, reference: what.reference }));
  if (!res.ok) throw await errorOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  saveBlob(await res.blob(), name ? decodeURIComponent(name) : `zone.${format}`);
}

export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}
