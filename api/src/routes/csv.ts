import type { Context } from 'hono';
import { z } from 'zod';
import { CSV_BOM, CSV_EOL } from '../domain/export/csv.js';

const LINES_PER_CHUNK = 2000;

/**
 * The query options every CSV export takes (README "Exports"): `?decimal=point` writes 12.5 instead of 12,5 (QGIS,
 * scripts), `?machineNames=1` adds a second heading row of stable machine names under the French headings.
 */
export const csvQuery = z.object({
  decimal: z.enum(['comma', 'point']).default('comma'),
  machineNames: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

/** A file name safe in a header: accents dropped ("agrégat" → "agregat"), anything but letters, digits, - and _ as "_". */
export const safeFileName = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w-]+/g, '_');

/** The attachment headers of a CSV download. */
function attachment(c: Context, fileName: string) {
  c.header('Content-Disposition', `attachment; filename="${safeFileName(fileName)}.csv"`);
}

/**
 * Streams a CSV given line by line (lines from domain/export/csv.ts; BOM for Excel, CRLF) as an attachment: exports
 * of millions of rows (a 2,500 × 2,500 matrix) are never held as one string.
 */
export function csvStreamResponse(c: Context, fileName: string, lines: Iterable<string>): Response {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.iterator]();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = first ? CSV_BOM : '';
      first = false;
      for (let k = 0; k < LINES_PER_CHUNK; k++) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value + CSV_EOL;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  attachment(c, fileName);
  return c.body(stream, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

/** A small CSV document already written (csvDocument: BOM included) as an attachment. */
export function csvTextResponse(c: Context, fileName: string, document: string): Response {
  attachment(c, fileName);
  return c.body(document, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}
