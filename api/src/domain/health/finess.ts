/**
 * FINESS numbers: 9 characters, the first two (or three for overseas) give the département.
 * Eurostat GISCO stores them as numbers, so the leading 0 of départements 01–09 is lost.
 */

/** Restores the 9-character FINESS from a GISCO id ("10000024" → "010000024", "2A0000022" unchanged). */
export function restoreFinessCode(id: string): string {
  const s = id.trim().toUpperCase();
  if (/^[0-9][0-9AB][0-9]{7}$/.test(s)) return s;
  if (/^[1-9][0-9]{7}$/.test(s)) return `0${s}`;
  throw new Error(`cannot restore a FINESS number from "${id}"`);
}

/**
 * Département (COG code) of a FINESS number: "01"–"95", "2A"/"2B"; overseas numbers start
 * "97" + the last digit of the DOM ("9701…" → 971, "9704…" → 974, "9705…" → 975) and Mayotte "9805…" → 976.
 */
export function departementOfFiness(finess: string): string {
  const p2 = finess.slice(0, 2);
  if (p2 === '97') return `97${finess[3]}`;
  if (finess.startsWith('9805')) return '976';
  if (p2 === '98') return `98${finess[3]}`;
  return p2;
}

export interface FinessSite {
  finess: string;
  departementCode: string;
  name: string;
  lon: number;
  lat: number;
  address: string;
  postcode: string;
  city: string;
  category: string;
  /** GISCO public_private: 'public' | 'private' | '' (unknown — often private non-profit). */
  status: 'public' | 'private' | 'unknown';
}

/** Parses GISCO healthcare rows (already split by a CSV parser) into FINESS sites. */
export function toFinessSite(r: Record<string, string>): FinessSite {
  const finess = restoreFinessCode(r.id);
  return {
    finess,
    departementCode: departementOfFiness(finess),
    name: (r.hospital_name + (r.site_name ? ` — ${r.site_name}` : '')).replace(/\s+/g, ' ').trim(),
    lon: Number(r.lon),
    lat: Number(r.lat),
    address: [r.house_number, r.street].filter(Boolean).join(' '),
    postcode: r.postcode,
    city: r.city,
    category: r.facility_type,
    status: r.public_private === 'public' ? 'public' : r.public_private === 'private' ? 'private' : 'unknown',
  };
}
