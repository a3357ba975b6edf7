/**
 * Builds data/insee/* from ../shared/data/{insee,eurostat,population} (see data/README.md, "insee/").
 * Re-keys the comparateur de territoires 2021 and Filosofi 2021 (COG 2024) onto COG 2026 communes,
 * estimates age bands per commune, and maps Eurostat NUTS-3 GDP / population onto départements.
 * Usage: npm run data:insee [-- --raw ../shared/data]
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { resolveCommuneCode, type CogEntry } from '../api/src/domain/territory/cog.js';
import { parseComparateur, parseFilosofi, type ComparateurCounts, COMPARATEUR_FIELDS } from '../api/src/domain/territory/insee-parse.js';
import { groupOntoCog, combineComparateur, combineFilosofi } from '../api/src/domain/territory/insee-cog.js';
import { bandsFromAreaRow, bandsFromQuinquennialRow, pickAgeShares, estimateCommuneBands, type AgeAreas } from '../api/src/domain/territory/insee-age.js';
import { parseEurostat, departementEconomyRows, latestGdpYear, NUTS3_TO_DEPARTEMENT } from '../api/src/domain/territory/insee-eurostat.js';

const args = process.argv.slice(2);
const RAW = (args.includes('--raw') ? args[args.indexOf('--raw') + 1] : new URL('../../shared/data', import.meta.url).pathname).replace(/\/$/, '') + '/';
const OUT = new URL('../data/insee/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const parse = (text: string, delimiter = ',') => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true, delimiter }).data;
const readCsv = (path: string, delimiter = ',') => parse(path.endsWith('.gz') ? gunzipSync(readFileSync(RAW + path)).toString('utf8') : readFileSync(RAW + path, 'utf8'), delimiter);
const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v));
function writeCsvGz(name: string, header: string[], rows: unknown[][]): void {
  const text = [header.join(','), ...rows.map((r) => r.map((v) => { const s = cell(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }).join(','))].join('\n') + '\n';
  writeFileSync(OUT + name, gzipSync(text, { level: 9 }));
  console.log(`${name}: ${rows.length} rows, ${(statSync(OUT + name).size / 1024).toFixed(0)} KiB`);
}

// --- COG 2026 and the 2024 crosswalk -------------------------------------------------------------
const cog = JSON.parse(readFileSync(RAW + 'population/communes.json', 'utf8')) as CogEntry[];
const current = cog.filter((c) => c.type === 'commune-actuelle');
const currentByCode = new Map(current.map((c) => [c.code, c]));
const arrondissementCodes = new Set(cog.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.code));
const resolve = (code: string) => resolveCommuneCode(cog, code);
const passage = readCsv('insee/passage-communes-2010-2024-bv2022.csv.gz');
const cog2024 = new Map<string, { arr: string; bv: string }>();
for (const r of passage) cog2024.set(r.code_insee24, { arr: r.arr24, bv: r.bv2022 });

// Communes restored since 2024 (a commune nouvelle split back): their 2024 parent's figures cover several
// COG 2026 communes and cannot be divided, so the parent and the restored communes get no figures.
const reached = new Set([...cog2024.keys()].flatMap(resolve));
const isCom = (code: string) => /^(975|977|978|98)/.test(code); // collectivités d'outre-mer (Mayotte 976 is a DOM)
const restored = current.filter((c) => !reached.has(c.code) && !isCom(c.code)).map((c) => c.code);
const restoredParent = new Map<string, string>();
for (const code of restored) {
  const row = passage.find((r) => Object.entries(r).some(([k, v]) => k.startsWith('code_insee') && k !== 'code_insee24' && v === code));
  if (row) restoredParent.set(code, row.code_insee24);
}
const splitExcluded = new Set<string>([...restored, ...[...restoredParent.values()].flatMap(resolve)]);
const restoredNote = [...restoredParent].map(([c, p]) => `${c} ${currentByCode.get(c)!.nom} (part of ${p} in 2024)`);
console.log(`restored since 2024: ${restoredNote.join('; ') || 'none'}; excluded ${[...splitExcluded].join(', ')}`);

// --- comparateur de territoires 2021 ---------------------------------------------------------------
const comp = parseComparateur(readCsv('insee/comparateur-communes-2021.csv.gz'));
const compGrouping = groupOntoCog(comp.entries.keys(), resolve, splitExcluded);
const compByCommune = new Map<string, { counts: ComparateurCounts; sources: string[] }>();
for (const [code, sources] of compGrouping.groups) {
  // A commune present both whole and as arrondissements counts once: keep the whole commune.
  const parts = sources.includes(code) ? sources.filter((s) => !arrondissementCodes.has(s)) : sources;
  compByCommune.set(code, { counts: combineComparateur(parts.map((s) => comp.entries.get(s)!.counts)), sources: parts });
}
console.log(`comparateur: ${comp.entries.size} entries (${comp.duplicateRows} duplicate rows, ${comp.delegatedRowsSkipped} COMD rows skipped) → ${compByCommune.size} COG 2026 communes`);

// --- Filosofi 2021 -----------------------------------------------------------------------------------
const filo = parseFilosofi(readCsv('insee/filosofi-2021-communes.csv.gz', ';'), (c) => arrondissementCodes.has(c));
const filoGrouping = groupOntoCog(filo.communes.keys(), resolve, splitExcluded);
const filoByCommune = new Map([...filoGrouping.groups].map(([code, sources]) => [code, { cells: combineFilosofi(sources.map((s) => filo.communes.get(s)!)), sources }]));
console.log(`filosofi: ${filo.communes.size} communes + ${filo.arrondissements.size} arrondissements (not used: their commune is present) → ${filoByCommune.size} COG 2026 communes`);

// --- one row per COG 2026 commune with any data ------------------------------------------------------
const inseeHeader = ['communeCode', ...Object.keys(COMPARATEUR_FIELDS), 'fiscalHouseholds2021', 'fiscalPersons2021', 'medianIncomeEur2021', 'povertyRatePct2021', 'd1Eur2021', 'd9Eur2021', 'medianApproximate', 'comparateurStatus', 'filosofiStatus', 'sourceCodes'];
const inseeRows: unknown[][] = [];
const population2021 = new Map<string, number>();
const missing = { comparateur: [] as string[], filosofi: [] as string[], secret: 0, approximate: [] as string[] };
for (const c of current) {
  const cp = compByCommune.get(c.code);
  const fi = filoByCommune.get(c.code);
  const compOk = !!cp && cp.counts.population2021 !== null;
  if (!compOk) missing.comparateur.push(c.code);
  if (!fi) missing.filosofi.push(c.code);
  if (fi?.cells.status === 'secret') missing.secret++;
  if (fi?.cells.medianApproximate && fi.cells.status === 'ok') missing.approximate.push(c.code);
  if (!cp && !fi) continue;
  if (compOk) population2021.set(c.code, cp!.counts.population2021!);
  const sources = [...new Set([...(cp?.sources ?? []), ...(fi?.sources ?? [])])].filter((s) => s !== c.code && !arrondissementCodes.has(s)).sort();
  const counts = cp?.counts;
  inseeRows.push([
    c.code, ...Object.keys(COMPARATEUR_FIELDS).map((k) => counts?.[k as keyof ComparateurCounts] ?? null),
    fi?.cells.fiscalHouseholds2021 ?? null, fi?.cells.fiscalPersons2021 ?? null, fi?.cells.medianIncomeEur2021 ?? null,
    fi?.cells.povertyRatePct2021 ?? null, fi?.cells.d1Eur2021 ?? null, fi?.cells.d9Eur2021 ?? null,
    fi ? fi.cells.medianApproximate : false, compOk ? 'ok' : 'missing', fi ? fi.cells.status : 'missing', sources.join(' ') || null,
  ]);
}
writeCsvGz('commune-insee-2021.csv.gz', inseeHeader, inseeRows);

// --- age bands (estimated) -----------------------------------------------------------------------------
const areaMap = (path: string, key: string) => new Map(readCsv(path).map((r) => [r[key], bandsFromAreaRow(r)]));
const depRows = readCsv('insee/estim-pop-dep-sexe-aq-1975-2022.csv.gz').filter((r) => r.annee === '2021' && r.sexe === 'T');
const areas: AgeAreas = {
  bassinDeVie: areaMap('insee/pop-age-2021-bv2022.csv', 'bv2022'),
  arrondissement: areaMap('insee/pop-age-2021-arr2024.csv', 'arr24'),
  departement: new Map(depRows.map((r) => [r.dep, bandsFromQuinquennialRow(r)])),
};
// COG 2026 commune → one COG 2024 code for its BV / arrondissement (the most populous part; the 2024 parent for restored communes).
const partsOf = new Map<string, string[]>();
for (const code of cog2024.keys()) for (const t of resolve(code)) partsOf.set(t, [...(partsOf.get(t) ?? []), code]);
for (const [c, p] of restoredParent) partsOf.set(c, [p]);
const ageRows: unknown[][] = [];
const ageLevels: Record<string, number> = {};
const agePopulationSource: Record<string, number> = { population2021: 0, populationLegale2026: 0 };
const noAge: string[] = [];
for (const c of current) {
  const parts = (partsOf.get(c.code) ?? []).sort((a, b) => (comp.entries.get(b)?.counts.population2021 ?? 0) - (comp.entries.get(a)?.counts.population2021 ?? 0));
  const key = parts.length ? cog2024.get(parts[0])! : null;
  const dom = c.code.startsWith('97');
  const picked = pickAgeShares(areas, { bv: dom ? null : key?.bv ?? null, arr: dom ? null : key?.arr ?? null, dep: c.departement! });
  // The commune's 2021 population; where the comparateur has none (Mayotte, Les Trois Lacs, restored communes)
  // the COG 2026 population légale stands in.
  const pop = population2021.get(c.code) ?? (c.population && c.population > 0 ? c.population : null);
  if (!picked || pop === null) { noAge.push(c.code); continue; }
  agePopulationSource[population2021.has(c.code) ? 'population2021' : 'populationLegale2026']++;
  ageLevels[picked.level] = (ageLevels[picked.level] ?? 0) + 1;
  ageRows.push([c.code, picked.level, ...estimateCommuneBands(picked.shares, pop).map((b) => b.populationCount)]);
}
writeCsvGz('commune-age-bands-2021.csv.gz', ['communeCode', 'sourceLevel', 'b0_14', 'b15_29', 'b30_44', 'b45_59', 'b60_74', 'b75_89', 'b90p'], ageRows);

// --- Eurostat ----------------------------------------------------------------------------------------------
const gdp = parseEurostat(readCsv('eurostat/nama_10r_3gdp-FR.csv'));
const eurostatPop = parseEurostat(readCsv('eurostat/demo_r_pjanaggr3-FR.csv'));
const economy = departementEconomyRows(gdp, eurostatPop);
const nuts3InFile = [...new Set(gdp.map((o) => o.geo).filter((g) => g.length === 5 && g !== 'FRZZZ'))];
const unmappedNuts = nuts3InFile.filter((g) => !NUTS3_TO_DEPARTEMENT[g]);
if (unmappedNuts.length) throw new Error(`NUTS-3 codes without a département: ${unmappedNuts.join(', ')}`);
// Check the mapping: Eurostat population of 1 January 2020 vs INSEE's 2020 département estimate (both from INSEE).
const dep2020 = new Map(readCsv('insee/estim-pop-dep-sexe-aq-1975-2022.csv.gz').filter((r) => r.annee === '2020' && r.sexe === 'T').map((r) => [r.dep, Number(r.age_total)]));
// A wrong pairing is off by far more than 10 %; gaps over 2 % are listed in the report.
let worstGap = 0;
const populationGaps: string[] = [];
for (const r of economy.filter((e) => e.year === 2020 && e.populationCount !== null)) {
  const insee = dep2020.get(r.departementCode)!;
  const gap = Math.abs(r.populationCount! / insee - 1);
  worstGap = Math.max(worstGap, gap);
  if (gap > 0.02) populationGaps.push(`${r.nutsCode} (${r.departementCode}): Eurostat ${r.populationCount} vs INSEE ${insee}`);
  if (!(gap < 0.1)) throw new Error(`${r.nutsCode} → ${r.departementCode}: population ${r.populationCount} vs INSEE ${insee}`);
}
writeCsvGz('departement-economy-2015-2020.csv.gz', ['departementCode', 'nutsCode', 'nutsVersion', 'year', 'gdpMeur', 'populationCount', 'gdpPerInhabitantEur'],
  economy.map((e) => [e.departementCode, e.nutsCode, e.nutsVersion, e.year, e.gdpMeur, e.populationCount, e.gdpPerInhabitantEur]));

// --- report -----------------------------------------------------------------------------------------------
const name = (code: string) => currentByCode.get(code)?.nom ?? cog.find((c) => c.code === code)?.nom ?? '?';
const list = (codes: string[]) => codes.map((c) => `${c} ${name(c)}`);
const byGroup = (codes: string[]) => {
  const out: Record<string, string[]> = {};
  for (const c of codes) {
    const g = isCom(c) ? 'COM' : c.startsWith('976') ? 'Mayotte' : c.startsWith('971') ? 'Guadeloupe' : c.startsWith('973') ? 'Guyane' : splitExcluded.has(c) ? 'split' : 'other';
    (out[g] ??= []).push(c);
  }
  return Object.fromEntries(Object.entries(out).map(([g, cs]) => [g, g === 'COM' || cs.length > 12 ? [`${cs.length} communes`] : list(cs)]));
};
const report = {
  builtFrom: 'scripts/build-insee.ts',
  cog: 'COG 2026 (@etalab/decoupage-administratif 6.0.0)',
  comparateur: { entries: comp.entries.size, duplicateRows: comp.duplicateRows, comdSkipped: comp.delegatedRowsSkipped, censusMissing: comp.censusMissingCodes.length, unmatched: compGrouping.unmatched, communes: compByCommune.size },
  filosofi: { communes: filo.communes.size, arrondissementsIgnored: filo.arrondissements.size, unmatched: filoGrouping.unmatched, communes2026: filoByCommune.size, secretMedian: missing.secret, approximateMedian: list(missing.approximate) },
  remapped2024: [...new Set([...comp.entries.keys(), ...filo.communes.keys()])].filter((c) => !arrondissementCodes.has(c) && resolve(c).length === 1 && resolve(c)[0] !== c).sort().map((c) => `${c} → ${resolve(c)[0]} ${name(resolve(c)[0])}`),
  restored: restoredNote,
  splitExcluded: list([...splitExcluded].sort()),
  missingComparateur: byGroup(missing.comparateur),
  missingFilosofi: byGroup(missing.filosofi),
  ageBands: { rows: ageRows.length, levels: ageLevels, population: agePopulationSource, without: byGroup(noAge) },
  eurostat: { nutsVersion: 'NUTS 2016', rows: economy.length, latestGdpYear: Object.fromEntries(latestGdpYear(economy)), population2020VsInseeWorstGapRatio: Math.round(worstGap * 10000) / 10000, populationGapsOver2Pct: populationGaps },
};
writeFileSync(OUT + 'report.json', JSON.stringify(report, null, 1) + '\n');
console.log(JSON.stringify({ ...report, remapped2024: report.remapped2024.length, filosofi: { ...report.filosofi, approximateMedian: report.filosofi.approximateMedian.length } }, null, 1));
