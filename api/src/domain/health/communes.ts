/**
 * Maps commune codes of older COG vintages (BPE c. 2017, PMSI correspondences) to COG 2026
 * codes, from @etalab/decoupage-administratif communes.json (anciensCodes, chefLieu of
 * delegated/associated communes, arrondissements municipaux → their commune).
 */
export interface CogEntry {
  code: string;
  type: string;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}

/** old or current code → current (COG 2026) commune code. */
export function buildCommuneCodeMap(entries: CogEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  const current = entries.filter((e) => e.type === 'commune-actuelle');
  for (const e of current) map.set(e.code, e.code);
  for (const e of current) for (const old of e.anciensCodes ?? []) if (!map.has(old)) map.set(old, e.code);
  for (const e of entries) {
    const target = e.type === 'arrondissement-municipal' ? e.commune : e.chefLieu;
    if (target && !map.has(e.code)) map.set(e.code, target);
  }
  return map;
}

export interface RemapResult {
  counts: Map<string, number>;
  remapped: { from: string; to: string; count: number }[];
  unmapped: { code: string; count: number }[];
}

/** Re-keys per-commune counts onto current codes, summing merged communes; nothing is dropped silently. */
export function remapCommuneCounts(rows: { code: string; count: number }[], map: Map<string, string>): RemapResult {
  const out: RemapResult = { counts: new Map(), remapped: [], unmapped: [] };
  for (const { code, count } of rows) {
    const to = map.get(code);
    if (!to) {
      out.unmapped.push({ code, count });
      continue;
    }
    if (to !== code) out.remapped.push({ from: code, to, count });
    out.counts.set(to, (out.counts.get(to) ?? 0) + count);
  }
  return out;
}
