import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { applyLinkOverrides, linkEntitiesToSites, scorePair, type LinkSite } from '../../../api/src/domain/health/linkage.js';
import { nameTokens } from '../../../api/src/domain/health/names.js';

/** The committed artifacts (real GISCO sites and ScanSanté establishments), read as the build wrote them. */
const artifact = (f: string) =>
  Papa.parse<Record<string, string>>(gunzipSync(readFileSync(new URL(`../../../data/health/${f}`, import.meta.url))).toString('utf8'), { header: true, skipEmptyLines: true }).data;
const golden = JSON.parse(readFileSync(new URL('../../golden/health-linkage.json', import.meta.url), 'utf8')) as {
  links: { ej: string; et: string }[];
  absent: { ej: string; et: string }[];
};

const sites: LinkSite[] = artifact('finess-sites-2020.csv.gz').map((s) => ({ finess: s.finess, name: s.name, city: s.city, category: s.category, status: s.status }));
const years = new Map<string, number[]>();
for (const a of artifact('activity-2015-2024.csv.gz')) years.set(a.finess, [...(years.get(a.finess) ?? []), Number(a.year)]);
const latest = new Map<string, { finess: string; name: string; category: string | null }>();
for (const a of artifact('activity-2015-2024.csv.gz')) latest.set(a.finess, { finess: a.finess, name: a.name || latest.get(a.finess)?.name || '', category: a.category || null });
const result = linkEntitiesToSites([...latest.values()], sites);
const pairs = new Set(result.links.map((l) => `${l.ej}|${l.et}`));

describe('EJ → ET linkage on the real FINESS and ScanSanté data', () => {
  it(`finds every one of the ${golden.links.length} hand-checked links`, () => {
    expect(golden.links.length).toBeGreaterThanOrEqual(30);
    const missing = golden.links.filter((g) => !pairs.has(`${g.ej}|${g.et}`));
    expect(missing).toEqual([]);
  });
  it('makes none of the known wrong links', () => {
    expect(golden.absent.filter((g) => pairs.has(`${g.ej}|${g.et}`))).toEqual([]);
  });
  it('links multi-site groups to several sites, each site to one entity', () => {
    const sitesOf = (ej: string) => result.links.filter((l) => l.ej === ej).length;
    expect(sitesOf('750712184')).toBeGreaterThanOrEqual(20);
    expect(sitesOf('330781196')).toBeGreaterThanOrEqual(4);
    const owners = new Map<string, Set<string>>();
    for (const l of result.links) owners.set(l.et, (owners.get(l.et) ?? new Set()).add(l.ej));
    // A site is shared only by successive numbers of one entity (e.g. CHU de Poitiers 860013077 in 2015, 860014208 since):
    // owners of one site never report activity in the same year.
    const overlapping = [...owners.entries()].filter(([, s]) => {
      const seen = new Set<number>();
      for (const ej of s) for (const y of years.get(ej) ?? []) { if (seen.has(y)) return true; seen.add(y); }
      return false;
    });
    expect(overlapping).toEqual([]);
    expect([...owners.values()].some((s) => s.has('860013077') && s.has('860014208'))).toBe(true);
  });
  it('reports unmatched entities with their best candidate, and every entity is either linked or reported', () => {
    const linked = new Set(result.links.map((l) => l.ej));
    expect(linked.size + result.unmatched.length).toBe(latest.size);
    const bugeySud = result.unmatched.find((u) => u.ej === '010780062')!;
    expect(bugeySud.departement).toBe('01');
  });
  it('explains each score', () => {
    const s = scorePair({ finess: '010780120', name: 'CH DE MEXIMIEUX', category: 'CH' }, { finess: '010000099', name: 'CENTRE HOSPITALIER DE MEXIMIEUX', city: 'MEXIMIEUX', category: 'Centre Hospitalier (C.H.)', status: 'public' });
    expect(s).toEqual({ score: 1, reasons: ['name 1.00', 'city MEXIMIEUX in EJ name', 'category compatible'] });
    expect(nameTokens("CHIC AIN VAL DE SAÔNE")).toEqual(['CENTRE', 'HOSPITALIER', 'INTERCOMMUNAL', 'AIN', 'VAL', 'SAONE']);
  });
});

describe('link overrides', () => {
  const links = result.links.filter((l) => l.ej === '010009132');
  it('removes a link the user rejected and adds one the user asserted, whatever the linkage says', () => {
    const out = applyLinkOverrides(links, [
      { ej: '010009132', et: '010000115', linked: false },
      { ej: '010009132', et: '010000024', linked: true },
    ]);
    expect(out.map((l) => l.et).sort()).toEqual(['010000024', '010000131']);
    expect(out.find((l) => l.et === '010000024')!.reasons).toEqual(['user override']);
  });
});
