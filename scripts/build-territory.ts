/**
 * Builds the committed territory artifacts in data/territory/ from raw sources:
 *  - IGN Admin Express COG 2018 commune polygons (../shared/data/admin/communes-2018.geojson.gz)
 *  - INSEE COG 2026 + populations (npm @etalab/decoupage-administratif)
 *  - INSEE populations 2016 per commune via the ATIH code géo table (../shared/data/health/pmsi_geo/…)
 *
 * 2018 polygons are re-keyed to 2026 codes through the COG history the etalab package carries
 * (current codes, `anciensCodes`, delegated/associated communes' `chefLieu`), and merged
 * communes get the exact union of their former polygons (TopoJSON arc merge, no slivers).
 * Usage: npm run data:territory [-- --shared ../shared/data]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { topology } from 'topojson-server';
import { mergeArcs, quantize } from "topojson-client";
import type { Topology, GeometryObject, MultiPolygon as TopoMultiPolygon } from 'topojson-specification';
import { resolveCommuneCode, type CogEntry } from '../api/src/domain/territory/cog.js';
import type { CommuneArtifact, TerritoryArtifacts } from '../api/src/domain/territory/artifacts.js';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const sharedDir = args.includes('--shared') ? args[args.indexOf('--shared') + 1] : join(process.cwd(), '..', 'shared', 'data');
const outDir = join(process.cwd(), 'data', 'territory');

const log = (msg: string) => process.stdout.write(`[territory] ${msg}\n`);

function readGzJson<T>(path: string): T {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
}

interface EtalabEpci { code: string; nom: string; type: string; membres: { code: string }[] }
interface EtalabArea { code: string; nom: string; region?: string; zone: string }

const cog = require('@etalab/decoupage-administratif/data/communes.json') as CogEntry[];
const etalabDepartements = require('@etalab/decoupage-administratif/data/departements.json') as EtalabArea[];
const etalabRegions = require('@etalab/decoupage-administratif/data/regions.json') as EtalabArea[];
const etalabEpcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
const etalabVersion = (require('@etalab/decoupage-administratif/package.json') as { version: string }).version;

const current = cog.filter((c) => c.type === 'commune-actuelle');
const currentByCode = new Map(current.map((c) => [c.code, c]));
log(`COG 2026: ${current.length} current communes`);

// 1. 2018 polygons → topology, re-keyed to 2026 codes.
log('reading IGN Admin Express 2018 commune polygons…');
const communes2018 = readGzJson<GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string; nom: string }>>(
  join(sharedDir, 'admin', 'communes-2018.geojson.gz'),
);
log(`${communes2018.features.length} polygons (COG 2018); building topology…`);
const topo = topology({ c2018: communes2018 }) as unknown as Topology;
const objects2018 = (topo.objects.c2018 as unknown as { geometries: (GeometryObject & { properties: { code: string; nom: string } })[] }).geometries;

const partsByNewCode = new Map<string, GeometryObject[]>();
const oldNameByCode = new Map<string, string>();
const unmapped2018: string[] = [];
for (const g of objects2018) {
  const oldCode = g.properties.code;
  oldNameByCode.set(oldCode, g.properties.nom);
  const resolved = resolveCommuneCode(cog, oldCode);
  if (resolved.length !== 1) {
    unmapped2018.push(`${oldCode} ${g.properties.nom} → ${resolved.join(',') || 'none'}`);
    continue;
  }
  const list = partsByNewCode.get(resolved[0]) ?? [];
  list.push(g);
  partsByNewCode.set(resolved[0], list);
}
if (unmapped2018.length) log(`WARNING 2018 polygons not mapped to exactly one 2026 commune: ${unmapped2018.join('; ')}`);

// Communes restored (split off, "rétablissement") after 2018 have no polygon of their own in the
// 2018 source: they lie inside the 2018 polygon of the commune nouvelle they left. The etalab package
// does not carry these events, so they are listed here from the INSEE COG events (rétablissements).
const RESTORED_SINCE_2018: Record<string, { parent2018: string; year: number }> = {
  '14666': { parent2018: '14712', year: 2023 }, // Sannerville, out of Saline (now Troarn)
  '15031': { parent2018: '15141', year: 2025 }, // Celles, out of Neussargues en Pinatelle
  '15035': { parent2018: '15141', year: 2025 }, // Chalinargues
  '15047': { parent2018: '15141', year: 2025 }, // Chavagnac
  '15171': { parent2018: '15141', year: 2025 }, // Sainte-Anastasie
  '85165': { parent2018: '85084', year: 2025 }, // L'Oie, out of Essarts en Bocage
  '85212': { parent2018: '85084', year: 2025 }, // Sainte-Florence
};
const formerParentOf = new Map(Object.entries(RESTORED_SINCE_2018).map(([code, r]) => [code, r.parent2018]));
const restoredFrom = new Map<string, string[]>();
for (const [code, r] of Object.entries(RESTORED_SINCE_2018)) restoredFrom.set(r.parent2018, [...(restoredFrom.get(r.parent2018) ?? []), code]);

const communeObjects: GeometryObject[] = [];
const communeArtifacts: CommuneArtifact[] = [];
const epciByCommune = new Map<string, string>();
for (const e of etalabEpcis) for (const m of e.membres) epciByCommune.set(m.code, e.code);

// Populations 2016 (INSEE, via ATIH code géo table 2019) re-keyed to 2026 codes, for the change indicator.
log('reading populations 2016 (ATIH code géo table, year 2019)…');
const codesGeo = readGzJson<{ code_com: string; pop?: number; annee: string }[]>(
  join(sharedDir, 'health', 'pmsi_geo', 'codes_geo_com_ts_corresp.json.gz'),
).filter((r) => r.annee === '2019');
const pop2016 = new Map<string, number>();
const popBlocked = new Set<string>();
for (const r of codesGeo) {
  if (r.pop === undefined || r.pop === null) continue;
  const resolved = resolveCommuneCode(cog, r.code_com);
  if (resolved.length !== 1) {
    resolved.forEach((c) => popBlocked.add(c));
    continue;
  }
  pop2016.set(resolved[0], (pop2016.get(resolved[0]) ?? 0) + r.pop);
}

// Populations of 2016 are not comparable where a commune was split after 2016.
for (const [child, r] of Object.entries(RESTORED_SINCE_2018)) popBlocked.add(child).add(r.parent2018);
let approximate = 0;
const approximateChildren = new Set<string>();
const noPolygon: string[] = [];
for (const c of current) {
  const parts = partsByNewCode.get(c.code);
  let status: CommuneArtifact['geometryStatus'] = 'exact';
  let note: string | null = null;
  let geometry: GeometryObject | null = null;
  if (parts && parts.length) {
    geometry = parts.length === 1 ? { ...parts[0], properties: undefined } as GeometryObject : (mergeArcs(topo, parts as never) as unknown as GeometryObject);
    if (parts.length > 1) {
      status = 'merged';
      note = `Union des contours 2018 de ${parts.map((p) => `${(p as unknown as { properties: { code: string } }).properties.code}`).join(', ')}`;
    }
    if (restoredFrom.has(c.code)) {
      status = 'approximate_parent_2018';
      note = `Contour 2018 qui englobe encore ${restoredFrom.get(c.code)!.map((r) => `${r} ${currentByCode.get(r)?.nom}`).join(', ')}, rétablie(s) depuis : contour 2026 propre absent des sources.`;
    }
  } else if (formerParentOf.has(c.code) && partsByNewCode.has(formerParentOf.get(c.code)!)) {
    const parent = formerParentOf.get(c.code)!;
    const pParts = partsByNewCode.get(parent)!;
    approximateChildren.add(c.code);
    geometry = pParts.length === 1 ? ({ ...pParts[0], properties: undefined } as GeometryObject) : (mergeArcs(topo, pParts as never) as unknown as GeometryObject);
    status = 'approximate_parent_2018';
    note = `Commune rétablie en ${RESTORED_SINCE_2018[c.code].year} : contour propre absent des sources (IGN 2018). Contour affiché = territoire 2018 de ${parent} (${oldNameByCode.get(parent) ?? ''}), qui l'englobait.`;
    approximate++;
  } else {
    status = 'missing';
    note = c.zone === 'com' ? "Collectivité d'outre-mer : hors du périmètre des contours IGN Admin Express (101 départements)." : 'Aucun contour source trouvé.';
    noPolygon.push(`${c.code} ${c.nom} (${c.zone})`);
  }
  if (geometry) communeObjects.push({ ...geometry, id: c.code, properties: undefined } as GeometryObject);
  communeArtifacts.push({
    code: c.code,
    name: c.nom,
    departementCode: c.departement!,
    regionCode: c.region!,
    epciCode: epciByCommune.get(c.code) ?? null,
    zone: c.zone as CommuneArtifact['zone'],
    postcodes: c.codesPostaux ?? [],
    populationCount: c.population ?? 0,
    population2016Count: popBlocked.has(c.code) ? null : (pop2016.get(c.code) ?? null),
    geometryStatus: status,
    geometryNote: note,
  });
}
log(`communes: ${communeArtifacts.length}, merged ${communeArtifacts.filter((c) => c.geometryStatus === 'merged').length}, approximate ${approximate}, without polygon ${noPolygon.length}`);

// 2. Départements and régions as unions of their 2026 communes (exact, shared borders identical).
function mergeBy(key: (c: CommuneArtifact) => string): GeometryObject[] {
  const groups = new Map<string, GeometryObject[]>();
  const byCode = new Map(communeObjects.map((o) => [String(o.id), o]));
  for (const c of communeArtifacts) {
    if (approximateChildren.has(c.code) || c.geometryStatus === 'missing') continue;
    const o = byCode.get(c.code)!;
    const list = groups.get(key(c)) ?? [];
    list.push(o);
    groups.set(key(c), list);
  }
  return [...groups.entries()].map(([code, objs]) => ({ ...(mergeArcs(topo, objs as never) as unknown as TopoMultiPolygon), id: code }) as GeometryObject);
}
log('merging départements and régions…');
const departementObjects = mergeBy((c) => c.departementCode);
const regionObjects = mergeBy((c) => c.regionCode);

const out: Topology = {
  type: 'Topology',
  arcs: topo.arcs,
  objects: {
    communes: { type: 'GeometryCollection', geometries: communeObjects },
    departements: { type: 'GeometryCollection', geometries: departementObjects },
    regions: { type: 'GeometryCollection', geometries: regionObjects },
  },
} as Topology;
// Drop arcs nobody references any more and delta-encode at ~1 m (1e-5°) resolution.
const compact = quantize(pruneArcs(out) as never, { scale: [1e-5, 1e-5], translate: [-180, -90] } as never);

// 3. History: every former code → its 2026 commune(s).
const history: TerritoryArtifacts['history'] = [];
for (const c of cog) {
  if (c.type === 'commune-actuelle') {
    for (const old of c.anciensCodes ?? []) if (old !== c.code) history.push({ oldCode: old, oldName: oldNameByCode.get(old) ?? old, newCode: c.code, kind: 'merged' });
  } else if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && c.code !== c.chefLieu && !currentByCode.has(c.code)) {
    history.push({ oldCode: c.code, oldName: c.nom, newCode: c.chefLieu, kind: c.type === 'commune-deleguee' ? 'deleguee' : 'associee' });
  }
}
const seen = new Set<string>();
const historyUnique = history.filter((h) => {
  const k = `${h.oldCode}>${h.newCode}`;
  if (seen.has(k) || !currentByCode.has(h.newCode)) return false;
  seen.add(k);
  return true;
});

const artifacts: TerritoryArtifacts = {
  version: `cog2026-ign2018-${etalabVersion}`,
  communes: communeArtifacts,
  departements: etalabDepartements.map((d) => ({ code: d.code, name: d.nom, regionCode: d.region!, zone: d.zone })),
  regions: etalabRegions.map((r) => ({ code: r.code, name: r.nom, zone: r.zone })),
  epcis: etalabEpcis.map((e) => ({ code: e.code, name: e.nom, kind: e.type })),
  history: historyUnique,
  report: { unmapped2018, approximate: communeArtifacts.filter((c) => c.geometryStatus === 'approximate_parent_2018').map((c) => `${c.code} ${c.name}`), noPolygon },
};

mkdirSync(outDir, { recursive: true });
const topoBytes = gzipSync(JSON.stringify(compact), { level: 9 });
writeFileSync(join(outDir, 'territory-2026.topo.json.gz'), topoBytes);
const attrBytes = gzipSync(JSON.stringify(artifacts), { level: 9 });
writeFileSync(join(outDir, 'territory-2026.json.gz'), attrBytes);
log(`wrote territory-2026.topo.json.gz (${(topoBytes.length / 1e6).toFixed(2)} MB), territory-2026.json.gz (${(attrBytes.length / 1e6).toFixed(2)} MB)`);
log(`history: ${historyUnique.length} former codes; approximate: ${artifacts.report.approximate.join(', ') || 'none'}`);

/** Keeps only arcs referenced by the objects, renumbering references (mergeArcs leaves inner borders unused). */
function pruneArcs(t: Topology): Topology {
  const used = new Map<number, number>();
  const arcs: typeof t.arcs = [];
  const remap = (i: number): number => {
    const abs = i < 0 ? ~i : i;
    let n = used.get(abs);
    if (n === undefined) {
      n = arcs.length;
      used.set(abs, n);
      arcs.push(t.arcs[abs]);
    }
    return i < 0 ? ~n : n;
  };
  const walk = (a: unknown): unknown => (typeof a === 'number' ? remap(a) : (a as unknown[]).map(walk));
  const objects: Record<string, unknown> = {};
  for (const [name, coll] of Object.entries(t.objects)) {
    const geoms = (coll as unknown as { geometries: (GeometryObject & { arcs?: unknown })[] }).geometries;
    objects[name] = { type: 'GeometryCollection', geometries: geoms.map((g) => ({ ...g, arcs: g.arcs === undefined ? undefined : walk(g.arcs) })) };
  }
  return { type: 'Topology', arcs, objects } as unknown as Topology;
}
