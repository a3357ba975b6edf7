/**
 * Healthcare basins benchmark and validation figures (issue 15) on the national road graph and all communes. "Ours"
 * is the service code the API runs (services/basins-*.ts, imported without HTTP); prints figures and same-run ratios
 * against naive baselines, never asserts. Targets:
 *  - APL (2SFCA, steps 1 / ⅔ / ⅓ to 10 / 15 / 20 min, catchment 30 min) for every commune with GP supply (BPE 2017)
 *    ≤ 10 s; baseline: one bounded reverse Dijkstra (30 min) per supply commune + dense 2SFCA (supply × commune table);
 *  - flow basins from the 91,136-row modelled flow table ≤ 2 s (the domain on the typed table, and the service with
 *    its database read); baseline: the same rules over row objects, full rescans at each contiguity pass and merge;
 *  - nearest-actor basins for 1,000 FINESS sites (imported as a point layer) ≤ 2 s; baseline: one bounded reverse
 *    Dijkstra (90 min) per actor; cross-check and alternative: one multi-source reverse Dijkstra from all actors.
 * Each baseline's answer is compared with ours. Then the validation figures of docs/data-quality.md (APL in
 * consultations per inhabitant at a stated activity per GP; population beyond 30 / 45 min of the nearest maternity)
 * and a few calls through the API (PGlite, HTTP and JSON included). ≈ 5 min on 2 loaded threads.
 * Usage: npm run bench:basins [-- --graph <file.graph>] [--data-dir <seeded PGlite dir>] [--activity 5000]
 *        [--baseline-supplies N (default all)] [--baseline-actors N (default all)]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { arg, graphFileOrExit, ROOT } from './areas-script-setup.js';
import { workingDatabase } from './seeded-database.js';
import { createApp } from '../api/src/app.js';
import { createTileService } from '../api/src/services/tiles.js';
import { RoutingService } from '../api/src/services/routing.js';
import { importLayer } from '../api/src/services/imports.js';
import { accessibilityFor } from '../api/src/services/basins-accessibility.js';
import { nearestFor } from '../api/src/services/basins-nearest.js';
import { loadSupply } from '../api/src/services/basins-sources.js';
import { supplyTimes } from '../api/src/services/basins-times.js';
import { flowBasinsFor } from '../api/src/services/basins-flows.js';
import { areaCommunes } from '../api/src/services/areas-times.js';
import { seededRandom } from '../api/src/domain/common/random.js';
import { reverseAdjacency, snapPoints, type LonLat, type NodeSeeds, type RoadGraph, type SnappedPoint } from '../api/src/domain/routing/index.js';
import { samePieceDurationMs } from '../api/src/domain/routing/query/snap.js';
import { MinHeap } from '../api/src/domain/routing/heap.js';
import {
  adjacencyForCodes, DEFAULT_STEPS, flowBasins, type AdjacencyArtifact,
} from '../api/src/domain/basins/index.js';

const graphFile = graphFileOrExit();
const activityPerGp = Number(arg('--activity') ?? 5000);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const int = (x: number) => Math.round(x).toLocaleString('en');
const gz = (file: string) => gunzipSync(readFileSync(join(ROOT, file))).toString('utf8');
const csvRows = (file: string) => gz(file).trim().split('\n').slice(1).map((l) => l.split(','));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

console.log(`bench:basins ${new Date().toISOString()}; ${availableParallelism()} CPU threads; load average ${load()}`);
const { database, dispose } = await workingDatabase('maillage-basins-bench');
const communes = await areaCommunes(database); // the services' commune list (same order)
const routing = RoutingService.load(database, graphFile);
const view = routing.host.snapView(routing.maxSnapM());
const graph = view.graph;
const C = communes.length;
const population = Float64Array.from(communes, (c) => c.populationCount);
const totalPopulation = population.reduce((a, b) => a + b, 0);
console.log(`graph ${graph.nodeCount.toLocaleString('en')} nodes; ${C.toLocaleString('en')} communes with a point, population ${int(totalPopulation)}`);

let t0 = performance.now();
const communeSnaps = snapPoints(view, communes.map((c) => [c.lon, c.lat] as LonLat));
console.log(`communes snapped for the baselines: ${secs(performance.now() - t0)}`);
const offNetwork = communeSnaps.flatMap((p, c) => (p ? [] : [c]));
const offNetworkPopulation = offNetwork.reduce((s, c) => s + population[c], 0);
console.log(`communes off the network: ${offNetwork.length} (population ${int(offNetworkPopulation)}), of which overseas (97…): ${offNetwork.filter((c) => communes[c].code.startsWith('97')).length}`);

// ---------------------------------------------------------------------------------------------------------------
// The reference: bounded Dijkstra on the REVERSED graph from a target's arrival seeds (label = time from a node to
// the target, the target's access leg included), read at each commune's departure seeds minus its own access leg
// (the engine's commune rule), plus the direct way along a shared road piece. Optionally multi-source (owner = the
// target index, lowest on equal labels).
const rev = reverseAdjacency(graph);
const label = new Float64Array(graph.nodeCount).fill(Infinity);
const owner = new Int32Array(graph.nodeCount).fill(-1);
const touched = new Int32Array(graph.nodeCount);
let touchedCount = 0;
const heap = new MinHeap(1 << 16);
function reverseDijkstra(seeds: { seeds: NodeSeeds; owner: number }[], maxMs: number): void {
  for (let i = 0; i < touchedCount; i++) { label[touched[i]] = Infinity; owner[touched[i]] = -1; }
  touchedCount = 0;
  heap.clear();
  const improve = (v: number, d: number, o: number) => {
    if (d > maxMs) return;
    if (label[v] === Infinity) touched[touchedCount++] = v;
    if (d < label[v] || (d === label[v] && o < owner[v])) {
      const better = d < label[v];
      label[v] = d;
      owner[v] = o;
      if (better) heap.push(d, v);
    }
  };
  for (const s of seeds) s.seeds.nodes.forEach((v, i) => improve(v, s.seeds.durationMs[i], s.owner));
  const { firstIn, inSource, inEdge } = rev;
  while (heap.size > 0) {
    const d = heap.peekKey();
    const v = heap.pop();
    if (d > label[v]) continue;
    for (let k = firstIn[v]; k < firstIn[v + 1]; k++) improve(inSource[k], d + graph.edgeDurationMs[inEdge[k]], owner[v]);
  }
}
/** Seconds from commune c to the target(s) of the last reverseDijkstra; Infinity when unreached. */
function communeSec(c: number): number {
  const p = communeSnaps[c];
  if (!p) return Infinity;
  let best = Infinity;
  for (let i = 0; i < p.departure.nodes.length; i++) best = Math.min(best, p.departure.durationMs[i] + label[p.departure.nodes[i]]);
  return best === Infinity ? Infinity : Math.max(0, best - p.accessDurationMs) / 1000;
}
/** The same, with the target it reaches (the owner of the best seed; lowest on equal times). */
function communeTime(c: number): { sec: number; owner: number } {
  const p = communeSnaps[c];
  if (!p) return { sec: Infinity, owner: -1 };
  let best = Infinity, o = -1;
  p.departure.nodes.forEach((v, i) => {
    const t = p.departure.durationMs[i] + label[v];
    if (t < best || (t === best && owner[v] < o)) { best = t; o = owner[v]; }
  });
  return { sec: best === Infinity ? Infinity : Math.max(0, best - p.accessDurationMs) / 1000, owner: o };
}
/** The direct way from commune c along its road piece to a target on the same piece, seconds, or Infinity. */
function samePieceSec(c: number, target: SnappedPoint): number {
  const p = communeSnaps[c];
  if (!p || p.piece !== target.piece) return Infinity;
  const direct = samePieceDurationMs(graph as RoadGraph, p, target);
  return direct ? Math.max(0, direct.durationMs - p.accessDurationMs) / 1000 : Infinity;
}
const byPiece = new Map<number, number[]>();
communeSnaps.forEach((p, c) => { if (p) (byPiece.get(p.piece) ?? byPiece.set(p.piece, []).get(p.piece)!).push(c); });

// ---------------------------------------------------------------------------------------------------------------
// 1. APL through the service (services/basins-accessibility.ts: bucket-CH pairs within the catchment, sparse; 2SFCA):
// GPs of the BPE 2017 at their commune's point, catchment 30 min, steps 1 / ⅔ / ⅓ to 10 / 15 / 20 min.
const deps = { database, routing };
const catchmentMin = 30;
const gp = await loadSupply(database.db, communes, { source: 'gp' });
const gpPoints = gp.points.map((p) => [p.lon, p.lat] as LonLat);
const gpCounts = gp.values;
console.log(`\n— APL: ${gp.points.length.toLocaleString('en')} supply communes, ${int(gpCounts.reduce((a, b) => a + b, 0))} GPs (BPE 2017, at each commune's point)`);
t0 = performance.now();
await accessibilityFor(deps, { supply: { source: 'finess', categories: ['Centre Hospitalier (C.H.)'] }, catchmentMin, decay: { kind: 'binary' }, sensitivity: false });
console.log(`warm-up (commune snapping of the service, a small FINESS supply): ${secs(performance.now() - t0)}`);
const aplInput = { supply: { source: 'gp' as const }, catchmentMin, decay: { kind: 'steps' as const }, activityPerSupply: activityPerGp, underServedThreshold: 2.5, sensitivity: false };
t0 = performance.now();
const apl = await accessibilityFor(deps, aplInput);
const aplMs = performance.now() - t0;
console.log(`ours (service, times not cached): ${secs(aplMs)} (times ${secs(apl.timing.timesMs)}, ${apl.timing.pairCount.toLocaleString('en')} supply × commune pairs within 30 min; 2SFCA and summaries ${secs(apl.timing.computeMs)}) [target ≤ 10 s]`);
t0 = performance.now();
const aplSens = await accessibilityFor(deps, { ...aplInput, sensitivity: true });
console.log(`again with the sensitivity table (times cached, ${aplSens.sensitivity.length} variants): ${secs(performance.now() - t0)}`);

// Baseline: per supply a bounded reverse Dijkstra, a dense row over all communes, then 2SFCA over the dense table.
// Time rule of the engine and isochrones: from the road nearest the commune's point (its access leg not counted) to
// the supply (its access leg counted), the direct way along a shared road piece; a supply in the commune: 0 min.
const baselineSupplies = Math.min(gpPoints.length, Number(arg('--baseline-supplies') ?? gpPoints.length));
const gpSnaps = snapPoints(view, gpPoints);
t0 = performance.now();
const dense = new Float32Array(baselineSupplies * C).fill(NaN);
for (let j = 0; j < baselineSupplies; j++) {
  const s = gpSnaps[j];
  if (!s) continue;
  reverseDijkstra([{ seeds: s.arrival, owner: j }], catchmentMin * 60_000);
  const row = dense.subarray(j * C, (j + 1) * C);
  for (let c = 0; c < C; c++) { const t = communeSec(c); if (t <= catchmentMin * 60) row[c] = t; }
  for (const c of byPiece.get(s.piece) ?? []) { const t = samePieceSec(c, s); if (t <= catchmentMin * 60 && !(row[c] <= t)) row[c] = t; }
  const own = gp.points[j].communeIndex;
  if (own !== undefined && communeSnaps[own]) row[own] = 0;
}
const t2 = performance.now();
const w = (t: number) => { const m = t / 60; if (!(m <= catchmentMin)) return 0; for (let k = 0; k < DEFAULT_STEPS.upperMin.length; k++) if (m <= DEFAULT_STEPS.upperMin[k]) return DEFAULT_STEPS.weights[k]; return 0; };
const onNetwork = Float64Array.from(population, (p, c) => (communeSnaps[c] ? p : 0));
const ratio = new Float64Array(baselineSupplies);
for (let j = 0; j < baselineSupplies; j++) {
  let d = 0;
  for (let c = 0; c < C; c++) d += onNetwork[c] * w(dense[j * C + c]);
  ratio[j] = d > 0 ? gpCounts[j] / d : 0;
}
const naiveAccess = new Float64Array(C);
for (let j = 0; j < baselineSupplies; j++) for (let c = 0; c < C; c++) naiveAccess[c] += ratio[j] * w(dense[j * C + c]) * activityPerGp;
const t3 = performance.now();
const scale = gpPoints.length / baselineSupplies;
const naiveMs = (t3 - t0) * scale;
console.log(`naive: ${secs(naiveMs)} (${baselineSupplies.toLocaleString('en')} bounded Dijkstras ${secs(t2 - t0)}, dense 2SFCA over ${int(baselineSupplies * C)} cells ${secs(t3 - t2)}${scale > 1 ? `, × ${scale.toFixed(1)} for all supplies` : ''}) → ours ${(naiveMs / aplMs).toFixed(1)}× faster`);
// Same answer? Pair times (the service's cached table) and values per commune.
const st = await supplyTimes(routing, database, gp.points, catchmentMin * 60);
{
  let pairs = 0, differ = 0, onlyOurs = 0, onlyNaive = 0, maxDiff = 0, accessShare = 0;
  for (let j = 0; j < baselineSupplies; j++) {
    const mine = new Map<number, number>();
    for (let k = st.times.offsets[j]; k < st.times.offsets[j + 1]; k++) mine.set(st.times.commune[k], st.times.sec[k]);
    for (let c = 0; c < C; c++) {
      const t = dense[j * C + c];
      const m = mine.get(c);
      if (!(t <= catchmentMin * 60)) { if (m !== undefined) onlyOurs++; continue; }
      if (m === undefined) { onlyNaive++; continue; }
      pairs++;
      const d = Math.abs(m - t);
      if (d > 0.01) { differ++; if (Math.abs(d - communeSnaps[c]!.accessDurationMs / 1000) < 0.01) accessShare++; }
      maxDiff = Math.max(maxDiff, d);
    }
  }
  console.log(`pair times, service vs baseline: ${pairs.toLocaleString('en')} pairs in both, ${differ.toLocaleString('en')} differ by > 0.01 s (${accessShare.toLocaleString('en')} of them by exactly the commune's access leg), largest ${maxDiff.toFixed(1)} s; only in the service ${onlyOurs.toLocaleString('en')}, only in the baseline ${onlyNaive.toLocaleString('en')}`);
  let maxRel = 0, communesDiffer = 0;
  apl.values.value.forEach((v, c) => {
    if (v === null) return;
    const rel = Math.abs(v - naiveAccess[c]) / Math.max(1e-9, Math.abs(naiveAccess[c]), Math.abs(v));
    if (rel > 1e-6) communesDiffer++;
    maxRel = Math.max(maxRel, rel);
  });
  console.log(`values per commune, service vs baseline: ${communesDiffer.toLocaleString('en')} communes differ by > 1e-6 (relative), largest ${maxRel.toExponential(2)}`);
}

// Validation figures (docs/data-quality.md): consultations per inhabitant per year with ${activityPerGp} per GP.
const ourShare = (values: readonly (number | null)[], demand: Float64Array, threshold: number) => {
  let tot = 0, below = 0, sum = 0;
  values.forEach((v, c) => { if (v === null) return; tot += demand[c]; sum += demand[c] * v; if (v < threshold) below += demand[c]; });
  return { mean: sum / tot, belowShare: below / tot, below, tot };
};
for (const [name, r] of [['service', apl], ['baseline (access leg of the commune not counted)', { values: { value: Array.from(naiveAccess, (v, c) => (communeSnaps[c] ? v : null)) } }]] as const) {
  const s = ourShare(r.values.value, onNetwork, 2.5);
  console.log(`APL ${name}, metropolitan communes on the network (population ${int(s.tot)}): mean ${s.mean.toFixed(2)} C/yr/inh at ${activityPerGp} per GP; below 2.5: ${pct(s.belowShare)} (${int(s.below)})`);
}
console.log(`service summary: ${JSON.stringify({ ...apl.summary, histogram: undefined })}; under-served ${pct(apl.underServed.shareRatio ?? NaN)}`);
for (const a of [4000, 5000, 5400, 6000]) {
  const s = ourShare(apl.values.value.map((v) => (v === null ? null : (v * a) / activityPerGp)), onNetwork, 2.5);
  console.log(`  activity ${a} C+V per GP: mean ${s.mean.toFixed(2)} C/yr/inh, below 2.5: ${pct(s.belowShare)}`);
}
console.log(`sensitivity (mean C/yr/inh, share below 2.5): ${aplSens.sensitivity.map((r) => `${r.catchmentMin} min ${r.decay} ${r.meanPopulationWeighted.toFixed(2)} / ${pct(r.underServedShareRatio ?? NaN)}`).join('; ')}`);
console.log(`supply reaching no demand: ${int(apl.supply.withoutDemand)} GPs; in reach: ${int(apl.supply.inReach)}`);

// ---------------------------------------------------------------------------------------------------------------
// 2. Flow basins, modelled flows 2024 (establishment × PMSI code géo), establishments as units.
const flowRows = csvRows('data/health/modelled-flows-2024.csv.gz').map((f) => ({ unit: f[0], origin: f[1], stays: Number(f[2]) }));
const artifact = JSON.parse(gz('data/health/pmsi-adjacency-2017.json.gz')) as AdjacencyArtifact;
const originCodes = [...new Set(flowRows.map((r) => r.origin))].sort();
const unitCodes = [...new Set(flowRows.map((r) => r.unit))].sort();
const originOf = new Map(originCodes.map((c, i) => [c, i]));
const unitOf = new Map(unitCodes.map((c, i) => [c, i]));
console.log(`\n— Flow basins: ${flowRows.length.toLocaleString('en')} rows, ${originCodes.length.toLocaleString('en')} codes géo, ${unitCodes.length.toLocaleString('en')} establishments`);
t0 = performance.now();
const flows = {
  originCount: originCodes.length, unitCount: unitCodes.length,
  origin: Int32Array.from(flowRows, (r) => originOf.get(r.origin)!), unit: Int32Array.from(flowRows, (r) => unitOf.get(r.unit)!), stays: Float64Array.from(flowRows, (r) => r.stays),
};
const { adjacency, missing } = adjacencyForCodes(artifact, originCodes);
const t4 = performance.now();
const fb = flowBasins(flows, adjacency);
const flowMs = performance.now() - t0;
console.log(`ours: ${secs(flowMs)} (typed table and adjacency ${secs(t4 - t0)}, basins ${secs(performance.now() - t4)}): ${fb.basins.length} basins, ${fb.contiguityMoves.length} contiguity moves, ${fb.merges.length} merges, ${fb.unmergeable.length} unmergeable, ${fb.unassignedOriginCount} codes without stays, ${missing.length} codes not in the adjacency [target ≤ 2 s]`);
t0 = performance.now();
const naive = naiveFlowBasins(flowRows, originCodes, unitOf, artifact, 0.5, 1000);
const naiveFlowMs = performance.now() - t0;
const flowDiff = originCodes.filter((code, o) => (naive.get(code) ?? -1) !== fb.basinOfOrigin[o]).length;
console.log(`naive (row objects, full rescans per pass and per merge): ${secs(naiveFlowMs)} → ours ${(naiveFlowMs / flowMs).toFixed(1)}× faster; codes géo in a different basin: ${flowDiff}`);
for (const run of ['first', 'again']) {
  t0 = performance.now();
  const sf = await flowBasinsFor(database, { unit: 'establishment' });
  const ms = performance.now() - t0;
  const same = sf.basins.length === fb.basins.length;
  console.log(`service flowBasinsFor (${run}; flow table read from the database, communes mapped): ${secs(ms)} → ${sf.basins.length} basins${same ? ' (as the domain run above)' : ` (domain run: ${fb.basins.length})`}; naive / service ${(naiveFlowMs / ms).toFixed(1)}× [target ≤ 2 s]`);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Nearest-actor basins through the service (services/basins-nearest.ts: the store-times engine), 1,000 FINESS
// sites (metropolitan, seeded draw) imported as a point layer, cut-off 90 min.
const finess = csvRows('data/health/finess-sites-2020.csv.gz')
  .filter((f) => !f[1].startsWith('97') && f[3] !== '' && Number.isFinite(Number(f[3])) && Number.isFinite(Number(f[4])));
const rand = seededRandom(15);
for (let i = finess.length - 1; i > 0; i--) { const k = Math.floor(rand() * (i + 1)); [finess[i], finess[k]] = [finess[k], finess[i]]; }
const drawn = finess.slice(0, 1000);
const csv = ['id;nom;longitude;latitude', ...drawn.map((f) => [f[0], f[2].replace(/;/g, ' '), f[3], f[4]].join(';'))].join('\n') + '\n';
const imported = await importLayer(database, {
  fileName: 'finess-1000.csv', bytes: Buffer.from(csv), mapping: { key: 'id', name: 'nom', lon: 'longitude', lat: 'latitude', measures: [] },
  layer: { name: 'Bench — 1 000 sites FINESS', kind: 'internal', description: '', sourceNote: 'FINESS 2020, tirage reproductible', synthetic: false },
});
const layerId = imported.layerId as string;
const actors = drawn.map((f) => [Number(f[3]), Number(f[4])] as LonLat);
const cutoffSec = 90 * 60;
console.log(`\n— Nearest actor: ${actors.length} FINESS sites (seeded draw among ${finess.length.toLocaleString('en')} metropolitan sites, layer ${layerId}), cut-off 90 min`);
t0 = performance.now();
const nb = await nearestFor(deps, { actors: { source: 'layer', layerId }, cutoffMin: 90 });
const nearestMs = performance.now() - t0;
console.log(`ours (service, rows not cached): ${secs(nearestMs)} (timing ${JSON.stringify(nb.timing)}): ${nb.tiedCommuneCodes.length} tied communes, ${nb.unreached.communeCount} unreached, ${nb.offNetwork.length} actors off the network [target ≤ 2 s]`);
t0 = performance.now();
await nearestFor(deps, { actors: { source: 'layer', layerId }, cutoffMin: 90 });
console.log(`again (rows cached): ${secs(performance.now() - t0)}`);
const actorKeyIndex = new Map(drawn.map((f, a) => [f[0], a]));
const serviceActor = nb.values.actorIndex.map((i) => (i >= 0 ? actorKeyIndex.get(nb.actors[i].key) ?? -1 : -1));
const actorSnaps = snapPoints(view, actors);
const baselineActors = Math.min(actors.length, Number(arg('--baseline-actors') ?? actors.length));
t0 = performance.now();
const best = new Float64Array(C).fill(Infinity);
for (let a = 0; a < baselineActors; a++) {
  const s = actorSnaps[a];
  if (!s) continue;
  reverseDijkstra([{ seeds: s.arrival, owner: a }], cutoffSec * 1000);
  for (let c = 0; c < C; c++) best[c] = Math.min(best[c], communeSec(c));
  for (const c of byPiece.get(s.piece) ?? []) best[c] = Math.min(best[c], samePieceSec(c, s));
}
const naiveNearestMs = (performance.now() - t0) * (actors.length / baselineActors);
console.log(`naive, one bounded Dijkstra per actor (${baselineActors} run${baselineActors < actors.length ? `, × ${(actors.length / baselineActors).toFixed(1)}` : ''}): ${secs(naiveNearestMs)} → ours ${(naiveNearestMs / nearestMs).toFixed(1)}× faster`);
// Cross-check (and the simplest fast alternative): ONE multi-source reverse Dijkstra from every actor at once.
t0 = performance.now();
reverseDijkstra(actorSnaps.flatMap((s, a) => (s ? [{ seeds: s.arrival, owner: a }] : [])), cutoffSec * 1000);
const multi = communes.map((_, c) => communeTime(c));
actorSnaps.forEach((s, a) => { if (s) for (const c of byPiece.get(s.piece) ?? []) { const t = samePieceSec(c, s); if (t < multi[c].sec || (t === multi[c].sec && a < multi[c].owner)) multi[c] = { sec: t, owner: a }; } });
const multiMs = performance.now() - t0;
{
  let maxDiff = 0, actorDiff = 0, compared = 0, reachDiff = 0;
  for (let c = 0; c < C; c++) {
    const ref = multi[c].sec <= cutoffSec ? multi[c].sec : NaN;
    const got = nb.values.timeSec[c] ?? NaN;
    if (Number.isNaN(ref) || Number.isNaN(got)) { if (Number.isNaN(ref) !== Number.isNaN(got)) reachDiff++; continue; }
    compared++;
    maxDiff = Math.max(maxDiff, Math.abs(ref - got));
    if (baselineActors === actors.length) maxDiff = Math.max(maxDiff, Math.abs(best[c] - got));
    if (multi[c].owner !== serviceActor[c] && Math.abs(ref - got) < 1e-3) actorDiff++;
  }
  console.log(`one multi-source reverse Dijkstra (all actors at once, one thread): ${secs(multiMs)}; against the service on ${compared.toLocaleString('en')} communes: largest time difference ${maxDiff.toFixed(3)} s, reached by one and not the other ${reachDiff}, other actor at the same time (ties) ${actorDiff}`);
}

// Maternity access (validation): the service's maternity set (BPE 2017 D107 at the commune's point), cut-off 180 min.
const ages = new Map(csvRows('data/insee/commune-age-bands-2021.csv.gz').map((f) => [f[0], Number(f[3]) + Number(f[4])]));
const onNetwork1544 = Float64Array.from(communes, (c, i) => (communeSnaps[i] ? ages.get(c.code) ?? 0 : 0));
t0 = performance.now();
const mat = await nearestFor(deps, { actors: { set: 'maternity' }, cutoffMin: 180 });
console.log(`maternities: ${mat.actors.length} equipped communes, ${secs(performance.now() - t0)}; service: beyond ${mat.beyond.map((b) => `${b.thresholdMin} min ${pct(b.shareRatio)} (${int(b.populationCount)})`).join(', ')}; unreached ${mat.unreached.communeCount} communes (${int(mat.unreached.populationCount)})`);
for (const [name, demand] of [['population 2023, metropolitan communes on the network', onNetwork], ['population aged 15–44 (2021, both sexes), on the network', onNetwork1544]] as const) {
  const tot = demand.reduce((a, b) => a + b, 0);
  const beyond = (m: number) => mat.values.timeSec.reduce((s: number, t, c) => (communeSnaps[c] && (t === null || t > m * 60) ? s + demand[c] : s), 0);
  const order = Array.from(demand.keys()).filter((c) => communeSnaps[c] && mat.values.timeSec[c] !== null).sort((a, b) => mat.values.timeSec[a]! - mat.values.timeSec[b]!);
  let acc = 0, medianSec = NaN;
  for (const c of order) { acc += demand[c]; if (acc >= tot / 2) { medianSec = mat.values.timeSec[c]!; break; } }
  console.log(`  ${name} (${int(tot)}): beyond 30 min ${pct(beyond(30) / tot)} (${int(beyond(30))}), beyond 45 min ${pct(beyond(45) / tot)} (${int(beyond(45))}); median ${(medianSec / 60).toFixed(1)} min`);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. A few calls through the API (PGlite, HTTP and JSON included).
const app = createApp({ database, tiles: createTileService(database, 'js'), routing, config: { extraAttribution: [] } });
const call = async (path: string, body: Record<string, unknown>) => {
  const t = performance.now();
  const res = await app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { ms: performance.now() - t, status: res.status, json };
};
console.log('\n— Through the API (PGlite, HTTP and JSON included)');
const apiApl = await call('/api/basins/accessibility', { ...aplInput, decay: { kind: 'steps', upperMin: [10, 15, 20], weights: [1, 0.6667, 0.3333] }, sensitivity: true });
console.log(`accessibility GP 30 min with the sensitivity table (times cached): ${secs(apiApl.ms)} → ${apiApl.status}${apiApl.status === 200 ? `; mean ${Number(apiApl.json.summary?.meanPopulationWeighted).toFixed(2)} ${apiApl.json.unit}` : ` ${JSON.stringify(apiApl.json).slice(0, 300)}`}`);
for (const run of ['first', 'again']) {
  const r = await call('/api/basins/flows', { unit: 'establishment' });
  console.log(`flow basins, modelled 2024, establishments (${run}): ${secs(r.ms)} → ${r.status}${r.status === 200 ? `; ${r.json.basins.length} basins, ${r.json.log?.merges?.length} merges` : ` ${JSON.stringify(r.json).slice(0, 200)}`}`);
}
const apiMat = await call('/api/basins/nearest', { actors: { set: 'maternity' }, cutoffMin: 180 });
console.log(`nearest maternity (rows cached): ${secs(apiMat.ms)} → ${apiMat.status}`);
console.log(`\nload average at the end ${load()}`);
await dispose();

// ---------------------------------------------------------------------------------------------------------------
/**
 * The flow-basin rules of domain/basins/flow-basins.ts (plurality; contiguity through a basin's main part; merges of
 * the smallest failing basin into the adjacent basin it sends most stays to), written the plain way: rows as objects
 * keyed by codes, every stay sum recomputed by a full scan of the rows at each contiguity pass and each merge.
 * Returns code géo → basin id (the founding establishment's index, as the domain numbers it).
 */
function naiveFlowBasins(rows: { unit: string; origin: string; stays: number }[], origins: string[], unitIndex: Map<string, number>, adj: AdjacencyArtifact, minLi: number, minStays: number): Map<string, number> {
  const known = new Map(adj.codes.map((c, i) => [c, i]));
  const inFlows = new Set(origins);
  const neighbours = new Map(origins.map((o) => {
    const a = known.get(o);
    const list = a === undefined ? [] : adj.neighbours.slice(adj.offsets[a], adj.offsets[a + 1]).map((k) => adj.codes[k]).filter((c) => inFlows.has(c));
    return [o, list] as const;
  }));
  for (const [o, list] of neighbours) for (const n of list) if (!neighbours.get(n)!.includes(o)) neighbours.get(n)!.push(o);
  // plurality
  const byOrigin = new Map<string, Map<string, number>>();
  for (const r of rows) { const m = byOrigin.get(r.origin) ?? byOrigin.set(r.origin, new Map()).get(r.origin)!; m.set(r.unit, (m.get(r.unit) ?? 0) + r.stays); }
  const basin = new Map<string, number>();
  const unitBasin = new Map<string, number>();
  for (const o of origins) {
    let bestUnit = '', bestStays = 0;
    for (const [u, s] of byOrigin.get(o) ?? []) if (s > bestStays || (s === bestStays && s > 0 && unitIndex.get(u)! < unitIndex.get(bestUnit)!)) { bestUnit = u; bestStays = s; }
    if (bestStays > 0) { basin.set(o, unitIndex.get(bestUnit)!); unitBasin.set(bestUnit, unitIndex.get(bestUnit)!); }
  }
  const staysTo = (members: Set<string>) => {
    const m = new Map<number, number>();
    for (const r of rows) if (members.has(r.origin) && unitBasin.has(r.unit)) m.set(unitBasin.get(r.unit)!, (m.get(unitBasin.get(r.unit)!) ?? 0) + r.stays);
    return m;
  };
  const bestOf = (cands: Set<number>, stays: Map<number, number>) => {
    let b = -1, s = -1;
    for (const c of [...cands].sort((x, y) => x - y)) if ((stays.get(c) ?? 0) > s) { s = stays.get(c) ?? 0; b = c; }
    return b;
  };
  // contiguity
  for (let pass = 0; pass < 100; pass++) {
    const comp = new Map<string, number>();
    let next = 0;
    for (const o of origins) {
      if (!basin.has(o) || comp.has(o)) continue;
      const queue = [o];
      comp.set(o, next);
      for (let q = 0; q < queue.length; q++) for (const n of neighbours.get(queue[q])!) if (!comp.has(n) && basin.get(n) === basin.get(o)) { comp.set(n, next); queue.push(n); }
      next++;
    }
    const compStays = new Map<number, number>();
    for (const r of rows) if (comp.has(r.origin)) compStays.set(comp.get(r.origin)!, (compStays.get(comp.get(r.origin)!) ?? 0) + r.stays);
    const main = new Map<number, number>();
    for (const o of origins) {
      if (!basin.has(o)) continue;
      const cur = main.get(basin.get(o)!);
      if (cur === undefined || (compStays.get(comp.get(o)!) ?? 0) > (compStays.get(cur) ?? 0)) main.set(basin.get(o)!, comp.get(o)!);
    }
    const moves: [string, number][] = [];
    let fallback: [string, number] | null = null;
    for (const o of origins) {
      const b = basin.get(o);
      if (b === undefined || comp.get(o) === main.get(b)) continue;
      const inMain = new Set<number>(), any = new Set<number>();
      for (const n of neighbours.get(o)!) {
        const nb = basin.get(n);
        if (nb === undefined || nb === b) continue;
        any.add(nb);
        if (comp.get(n) === main.get(nb)) inMain.add(nb);
      }
      if (inMain.size > 0) moves.push([o, bestOf(inMain, staysTo(new Set([o])))]);
      else if (any.size > 0 && !fallback) fallback = [o, bestOf(any, staysTo(new Set([o])))];
    }
    if (moves.length === 0 && fallback) moves.push(fallback);
    if (moves.length === 0) break;
    for (const [o, b] of moves) basin.set(o, b);
  }
  // merges: every basin's figures recomputed from all rows at each step
  const unmergeable = new Set<number>();
  for (;;) {
    const resident = new Map<number, number>(), inside = new Map<number, number>();
    for (const r of rows) {
      const b = basin.get(r.origin);
      if (b === undefined) continue;
      resident.set(b, (resident.get(b) ?? 0) + r.stays);
      if (unitBasin.get(r.unit) === b) inside.set(b, (inside.get(b) ?? 0) + r.stays);
    }
    const li = (b: number) => (resident.get(b)! > 0 ? (inside.get(b) ?? 0) / resident.get(b)! : 0);
    let pick = -1;
    for (const b of resident.keys()) {
      if (unmergeable.has(b) || (li(b) >= minLi && resident.get(b)! >= minStays)) continue;
      if (pick < 0 || resident.get(b)! < resident.get(pick)! || (resident.get(b) === resident.get(pick) && (li(b) < li(pick) || (li(b) === li(pick) && b < pick)))) pick = b;
    }
    if (pick < 0) break;
    const members = new Set(origins.filter((o) => basin.get(o) === pick));
    const cands = new Set<number>();
    for (const o of members) for (const n of neighbours.get(o)!) { const nb = basin.get(n); if (nb !== undefined && nb !== pick) cands.add(nb); }
    if (cands.size === 0) { unmergeable.add(pick); continue; }
    const into = bestOf(cands, staysTo(members));
    for (const o of members) basin.set(o, into);
    for (const [u, b] of unitBasin) if (b === pick) unitBasin.set(u, into);
  }
  return basin;
}
