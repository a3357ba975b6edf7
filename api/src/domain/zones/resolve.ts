import { normalizeSearchText } from '../territory/search-text.js';
import { COMMUNE_CODE_RE } from '../territory/codes.js';

/** What the resolver needs to know about the candidate communes (only those the inputs could mean). */
export interface ResolveReference {
  communes: { code: string; name: string; departementCode: string; postcodes: string[] }[];
  history: { oldCode: string; newCode: string }[];
}

export interface Resolution {
  /** Current COG commune codes, deduplicated, in the order first met. */
  codes: string[];
  formerCodes: { from: string; to: string[] }[];
  postcodes: { from: string; to: string[] }[];
  names: { from: string; to: string }[];
  /** Inputs that mean no commune, each named as typed. */
  unknown: string[];
  /** Names matching several communes: add the département, e.g. "Saint-Denis (93)". */
  ambiguous: { input: string; candidates: string[] }[];
}

const POSTCODE = /^[0-9]{5}$/;
const NAME_WITH_DEP = /^(.*\S)\s*\((\d{2,3}|2A|2B)\)$/i;

/** Splits what a user typed or pasted (new lines, commas, semicolons, tabs) into inputs; blank ones dropped. */
export function splitCodeList(text: string): string[] {
  return text.split(/[\n\r;,\t]+/).map((s) => s.trim()).filter(Boolean);
}

/** How an input is read: a code first, then a postcode, then a name (optionally "Name (dd)"). */
export function classifyInput(input: string): { kind: 'code' | 'postcode' | 'name'; value: string; departementCode?: string } {
  const s = input.trim();
  const upper = s.toUpperCase();
  if (COMMUNE_CODE_RE.test(upper)) return { kind: 'code', value: upper };
  if (POSTCODE.test(s)) return { kind: 'postcode', value: s };
  const m = NAME_WITH_DEP.exec(s);
  if (m) return { kind: 'name', value: normalizeSearchText(m[1]), departementCode: m[2].toUpperCase().padStart(2, '0') };
  return { kind: 'name', value: normalizeSearchText(s) };
}

/**
 * Resolves commune codes, former (merged) codes, postcodes and names "Name (dd)" to current communes.
 * A 5-digit input that is both a current code and a postcode means the commune code (INSEE first).
 * Former codes are listed with what replaced them; unknown inputs are named; names matching several
 * communes are ambiguous (not guessed).
 */
export function resolveZoneInputs(inputs: readonly string[], ref: ResolveReference): Resolution {
  const current = new Map(ref.communes.map((c) => [c.code, c]));
  const formerTo = new Map<string, string[]>();
  for (const h of ref.history) {
    if (current.has(h.oldCode) && h.oldCode === h.newCode) continue;
    formerTo.set(h.oldCode, [...(formerTo.get(h.oldCode) ?? []), h.newCode].sort());
  }
  const byPostcode = new Map<string, string[]>();
  const byName = new Map<string, { code: string; dep: string }[]>();
  for (const c of ref.communes) {
    for (const p of c.postcodes) byPostcode.set(p, [...(byPostcode.get(p) ?? []), c.code]);
    const n = normalizeSearchText(c.name);
    byName.set(n, [...(byName.get(n) ?? []), { code: c.code, dep: c.departementCode }]);
  }
  const out: Resolution = { codes: [], formerCodes: [], postcodes: [], names: [], unknown: [], ambiguous: [] };
  const seen = new Set<string>();
  const push = (codes: string[]) => {
    for (const c of codes) if (!seen.has(c)) (seen.add(c), out.codes.push(c));
  };
  const done = new Set<string>();
  for (const raw of inputs) {
    const input = raw.trim();
    if (!input || done.has(input)) continue;
    done.add(input);
    const q = classifyInput(input);
    if (q.kind === 'code') {
      if (current.has(q.value)) push([q.value]);
      else if (formerTo.has(q.value)) {
        const to = formerTo.get(q.value)!;
        out.formerCodes.push({ from: q.value, to });
        push(to);
      } else if (POSTCODE.test(q.value) && byPostcode.has(q.value)) {
        const to = byPostcode.get(q.value)!.sort();
        out.postcodes.push({ from: q.value, to });
        push(to);
      } else out.unknown.push(input);
    } else if (q.kind === 'postcode') {
      const to = byPostcode.get(q.value);
      if (to) (out.postcodes.push({ from: q.value, to: [...to].sort() }), push([...to].sort()));
      else out.unknown.push(input);
    } else {
      const matches = (byName.get(q.value) ?? []).filter((m) => !q.departementCode || m.dep === q.departementCode);
      if (matches.length === 1) (out.names.push({ from: input, to: matches[0].code }), push([matches[0].code]));
      else if (matches.length > 1) out.ambiguous.push({ input, candidates: matches.map((m) => `${current.get(m.code)!.name} (${m.dep})`).sort() });
      else out.unknown.push(input);
    }
  }
  return out;
}

/** The normalized names the resolver may look up (for the repository to fetch candidates). */
export function nameKeysOf(inputs: readonly string[]): string[] {
  return [...new Set(inputs.map(classifyInput).filter((q) => q.kind === 'name' && q.value).map((q) => q.value))];
}
