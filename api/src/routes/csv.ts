import type { Context } from 'hono';

const LINES_PER_CHUNK = 2000;

/**
 * Streams a `;` CSV given line by line (BOM for Excel, CRLF) as an attachment: exports of millions of rows
 * (a 2,500 × 2,500 matrix) are never held as one string.
 */
export function csvStreamResponse(c: Context, fileName: string, lines: Iterable<string>): Response {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.iterator]();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = first ? '\ufeff' : '';
      first = false;
      for (let k = 0; k < LINES_PER_CHUNK; k++) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value + '\r\n';
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  c.header('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w-]+/g, '_')}.csv"`);
  return c.body(stream, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}
