import { describe, expect, it, vi } from 'vitest';

// The API client builds its URLs from the page's origin: give it one (no request is made here).
vi.hoisted(() => Object.assign(globalThis, { location: { origin: 'http://127.0.0.1', hash: '' } }));
import { ApiRequestError } from '../../web/src/api/client.js';
import { errors, formatDate, formatNumber, plural, userMessage } from '../../web/src/lib/messages/index.js';

describe('web catalogue: French formats', () => {
  it('writes numbers the French way (espace fine for thousands, decimal comma)', () => {
    expect(formatNumber(12464)).toBe('12\u202f464');
    expect(formatNumber(36.64, 1)).toBe('36,6');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('says "1 code géo" / "2 codes géo" (singular for 0 and 1, irregular plurals)', () => {
    expect(plural(1, 'code géo', 'codes géo')).toBe('1 code géo');
    expect(plural(2, 'code géo', 'codes géo')).toBe('2 codes géo');
    expect(plural(0, 'commune')).toBe('0 commune');
    expect(plural(12464, 'habitant')).toBe('12\u202f464 habitants');
  });

  it('writes dates in French', () => {
    expect(formatDate('2026-07-29')).toBe('29 juillet 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('pas une date')).toBe('—');
  });
});

describe('web catalogue: the one error toast (handleError) never shows raw text', () => {
  it("shows the API's French message as is", () => {
    const e = new ApiRequestError(404, 'COMMUNE_NOT_FOUND', 'Aucune commune 99999 dans le COG 2026 : vérifiez le code.');
    expect(userMessage(e)).toBe('Aucune commune 99999 dans le COG 2026 : vérifiez le code.');
  });

  it('replaces raw validator text by French words chosen from the error code', () => {
    const zod = new ApiRequestError(400, 'VALIDATION_FAILED', 'breaksMin.0: Invalid input: expected number, received null');
    expect(userMessage(zod)).toBe(errors.invalidRequest);
    expect(userMessage(new ApiRequestError(502, 'HTTP_502', ''))).toBe(errors.server);
    expect(userMessage(new ApiRequestError(418, 'HTTP_418', 'Request failed (418)'))).toBe(errors.httpStatus(418));
  });

  it('says a network failure and a bug in French', () => {
    expect(userMessage(new TypeError('Failed to fetch'))).toBe(errors.network);
    expect(userMessage(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(errors.unexpected);
    expect(userMessage('boom is not a function')).toBe(errors.unexpected);
  });

  it("keeps the app's own French messages", () => {
    expect(userMessage(new Error('Cliquez au moins trois points sur la carte pour dessiner le polygone.'))).toBe('Cliquez au moins trois points sur la carte pour dessiner le polygone.');
  });
});
