/** Parsing of typed cell values as French files write them. */

/** "12,5", "1 234,56", "1 234.5", "1.234,5", "-3", "12.5", "46.207" → number; "" → null; anything else → NaN. */
export function parseNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NaN;
  let s = String(raw).trim().replace(/[\u00a0\u202f\s]/g, '');
  if (s === '') return null;
  // Dots as thousands separators only when unambiguous: 1.234,5 or 1.234.567. A lone "46.207" is a decimal
  // (coordinates with three decimals are common; French thousands are written with spaces).
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, '');
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

/** "2024-03-01", "01/03/2024", Excel dates → ISO date string; "" → null; unparsable → undefined. */
export function parseDate(raw: unknown): string | null | undefined {
  if (raw === null || raw === undefined || raw === '') return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  const s = String(raw).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]);
  return undefined;
}

function valid(y: number, mo: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** INSEE commune code as files mangle it: "1004" (lost leading zero) → "01004", "2a004" → "2A004". */
export function normalizeCommuneCode(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim().toUpperCase();
  if (s === '') return null;
  if (/^\d{4}$/.test(s)) return `0${s}`;
  return s;
}

export function normalizePostcode(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  if (s === '') return null;
  return /^\d{4}$/.test(s) ? `0${s}` : s;
}
