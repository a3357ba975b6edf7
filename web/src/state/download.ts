import { ApiRequestError, type ApiErrorBody } from '../api/client';
import { errors } from '../lib/messages/common';

/** The file name the API gives in Content-Disposition, else `fallback`. */
function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
}

/**
 * POSTs a JSON body to an export endpoint and saves the answer as a file (CSV, GeoJSON): the API writes the file
 * (one CSV writer, provenance), the browser only saves it. An API refusal is thrown as ApiRequestError.
 */
export async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiRequestError(res.status, err?.error.code ?? `HTTP_${res.status}`, err?.error.message ?? errors.httpStatus(res.status));
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
