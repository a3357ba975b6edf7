/**
 * Patient-flow basins (the Dartmouth Atlas method, in the reproducible variant of its successors): from stays by
 * origin (PMSI code géo) × unit (establishment, hospital town or legal entity):
 *  1. plurality: each origin goes to the unit receiving most of its stays (ties: lowest unit index); a basin is
 *     named by its founding unit (basin id = that unit's index) and holds the units that founded it;
 *  2. contiguity: the members of a basin outside its main connected part (the part holding `unitHome` of its
 *     founding unit when given, else the part with most residents' stays) move to the adjacent basin they send most
 *     stays to (through a member of that basin's main part, so moves never swap back and forth); repeated until
 *     nothing moves (or `maxPasses`, then `stable: false`); parts with no other basin around (islands) stay and are
 *     counted in `detachedOriginCount`;
 *  3. merges: while some basin has a localization index (its residents' stays treated by its units ÷ its
 *     residents' stays) below `minLocalizationRatio` or fewer than `minStays` residents' stays, the one with the
 *     fewest stays (ties: lowest LI, then id) merges into the adjacent basin its residents send most stays to
 *     (ties: lowest id); a basin with no adjacent basin (an island) stays as it is and is listed in `unmergeable`.
 * Origins without any stay belong to no basin (-1).
 */
import type { Adjacency, FlowTable } from './types.js';
import { checkAdjacency } from './adjacency.js';
import { indexFlows, type FlowIndex } from './flow-index.js';
import { BasinInputError } from './types.js';
import { basinsText } from '../../messages/basins.js';
import { basinStats, type BasinStats } from './basin-stats.js';

export interface FlowBasinOptions {
  /** default 0.5 */
  minLocalizationRatio?: number;
  /** default 1,000 */
  minStays?: number;
  /** per unit, the origin where it stands (-1 unknown): the part of a basin kept in place by the contiguity step */
  unitHome?: Int32Array;
  /** default 100 */
  maxPasses?: number;
}

export interface ContiguityMove { origin: number; from: number; to: number }
export interface BasinMerge { from: number; to: number; reason: 'size' | 'localization'; localizationRatio: number; staysCount: number }

export interface Assignment {
  /** basin id (a founding unit index) per origin, -1 = no stays */
  basinOfOrigin: Int32Array;
  /** basin id per unit, -1 = the unit founded no basin (its stays count as treated outside every basin) */
  basinOfUnit: Int32Array;
}

export interface FlowBasinsResult extends Assignment {
  basins: BasinStats[];
  contiguityMoves: ContiguityMove[];
  contiguityStable: boolean;
  /** origins left apart from their basin's main part (islands with no neighbouring basin) */
  detachedOriginCount: number;
  merges: BasinMerge[];
  /** basins still failing a threshold that have no adjacent basin to merge into */
  unmergeable: number[];
  unassignedOriginCount: number;
}

export const DEFAULT_MIN_LOCALIZATION_RATIO = 0.5;
export const DEFAULT_MIN_STAYS = 1000;

/** Step 1: plurality unit of each origin. */
export function pluralityAssign(idx: FlowIndex): Assignment {
  const basinOfOrigin = new Int32Array(idx.originCount).fill(-1);
  const basinOfUnit = new Int32Array(idx.unitCount).fill(-1);
  for (let o = 0; o < idx.originCount; o++) {
    let best = -1;
    let bestStays = 0;
    for (let k = idx.offsets[o]; k < idx.offsets[o + 1]; k++) if (idx.stays[k] > bestStays) { bestStays = idx.stays[k]; best = idx.unit[k]; }
    basinOfOrigin[o] = best; // units sorted ascending within an origin: strict > keeps the lowest on ties
    if (best >= 0) basinOfUnit[best] = best;
  }
  return { basinOfOrigin, basinOfUnit };
}

/** Stays from origin o to each basin (a Map basin → stays). */
function staysToBasins(idx: FlowIndex, basinOfUnit: Int32Array, o: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let k = idx.offsets[o]; k < idx.offsets[o + 1]; k++) {
    const b = basinOfUnit[idx.unit[k]];
    if (b >= 0) m.set(b, (m.get(b) ?? 0) + idx.stays[k]);
  }
  return m;
}

/** The adjacent basin (≠ own, assigned) an origin set sends most stays to; ties and zero stays → lowest id. */
function bestNeighbourBasin(candidates: Set<number>, stays: Map<number, number>): number {
  let best = -1;
  let bestStays = -1;
  for (const b of [...candidates].sort((x, y) => x - y)) {
    const s = stays.get(b) ?? 0;
    if (s > bestStays) { bestStays = s; best = b; }
  }
  return best;
}

/** Component label per origin within its own basin (BFS over same-basin neighbours); -1 for unassigned. */
function components(adj: Adjacency, basinOfOrigin: Int32Array): Int32Array {
  const comp = new Int32Array(basinOfOrigin.length).fill(-1);
  let next = 0;
  const queue: number[] = [];
  for (let s = 0; s < basinOfOrigin.length; s++) {
    if (basinOfOrigin[s] < 0 || comp[s] >= 0) continue;
    comp[s] = next;
    queue.length = 0;
    queue.push(s);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) {
        const j = adj.neighbours[k];
        if (comp[j] < 0 && basinOfOrigin[j] === basinOfOrigin[s]) { comp[j] = next; queue.push(j); }
      }
    }
    next++;
  }
  return comp;
}

/** Step 2: contiguity. Returns a new assignment; `a` is not changed. */
export function fixContiguity(idx: FlowIndex, adj: Adjacency, a: Assignment, opts: Pick<FlowBasinOptions, 'unitHome' | 'maxPasses'> = {}):
  { assignment: Assignment; moves: ContiguityMove[]; stable: boolean; detachedOriginCount: number } {
  const basinOfOrigin = a.basinOfOrigin.slice();
  const moves: ContiguityMove[] = [];
  const maxPasses = opts.maxPasses ?? 100;
  let detachedLeft = 0;
  const done = (stable: boolean) => ({ assignment: { basinOfOrigin, basinOfUnit: a.basinOfUnit.slice() }, moves, stable, detachedOriginCount: detachedLeft });
  for (let pass = 0; pass < maxPasses; pass++) {
    const comp = components(adj, basinOfOrigin);
    // main part of each basin: the one holding the founding unit's home, else most stays (ties: lowest component)
    const compStays = new Map<number, number>();
    for (let o = 0; o < comp.length; o++) if (comp[o] >= 0) compStays.set(comp[o], (compStays.get(comp[o]) ?? 0) + idx.originStays[o]);
    const main = new Map<number, number>();
    for (let o = 0; o < comp.length; o++) {
      const b = basinOfOrigin[o];
      if (b < 0) continue;
      const home = opts.unitHome?.[b] ?? -1;
      if (home >= 0 && basinOfOrigin[home] === b) { main.set(b, comp[home]); continue; }
      const cur = main.get(b);
      if (cur === undefined || compStays.get(comp[o])! > compStays.get(cur)!) main.set(b, comp[o]);
    }
    // A detached origin joins a neighbouring basin through a neighbour in that basin's MAIN part, so that it is never
    // detached again (simultaneous moves between two detached parts would swap them forever). Only when no such
    // move exists anywhere, one origin moves to any neighbouring basin, to break a ring of detached parts.
    const detached: number[] = [];
    for (let o = 0; o < comp.length; o++) if (basinOfOrigin[o] >= 0 && comp[o] !== main.get(basinOfOrigin[o])) detached.push(o);
    detachedLeft = detached.length;
    if (detached.length === 0) return done(true);
    const pending: ContiguityMove[] = [];
    let fallback: ContiguityMove | null = null;
    for (const o of detached) {
      const b = basinOfOrigin[o];
      const inMain = new Set<number>();
      const any = new Set<number>();
      for (let k = adj.offsets[o]; k < adj.offsets[o + 1]; k++) {
        const j = adj.neighbours[k];
        const nb = basinOfOrigin[j];
        if (nb < 0 || nb === b) continue;
        any.add(nb);
        if (comp[j] === main.get(nb)) inMain.add(nb);
      }
      const stays: Map<number, number> | null = inMain.size > 0 || (any.size > 0 && !fallback) ? staysToBasins(idx, a.basinOfUnit, o) : null;
      if (inMain.size > 0) pending.push({ origin: o, from: b, to: bestNeighbourBasin(inMain, stays!) });
      else if (any.size > 0 && !fallback) fallback = { origin: o, from: b, to: bestNeighbourBasin(any, stays!) };
    }
    if (pending.length === 0 && fallback) pending.push(fallback);
    if (pending.length === 0) return done(true); // detached parts with no neighbouring basin at all (islands) stay
    for (const m of pending) basinOfOrigin[m.origin] = m.to;
    moves.push(...pending);
  }
  return done(false);
}

/** Step 3: merges of small or open basins, logged. Returns a new assignment. */
export function mergeBasins(idx: FlowIndex, adj: Adjacency, a: Assignment, opts: Pick<FlowBasinOptions, 'minLocalizationRatio' | 'minStays'> = {}):
  { assignment: Assignment; merges: BasinMerge[]; unmergeable: number[] } {
  const minLi = opts.minLocalizationRatio ?? DEFAULT_MIN_LOCALIZATION_RATIO;
  const minStays = opts.minStays ?? DEFAULT_MIN_STAYS;
  if (!(minLi >= 0 && minLi <= 1)) throw new BasinInputError('BAD_INPUT', 'minLocalizationRatio', basinsText.badThreshold('minLocalizationRatio', minLi));
  if (!(minStays >= 0 && minStays < Infinity)) throw new BasinInputError('BAD_INPUT', 'minStays', basinsText.badMinStays(minStays));
  const basinOfOrigin = a.basinOfOrigin.slice();
  const basinOfUnit = a.basinOfUnit.slice();
  const members = new Map<number, number[]>();
  const units = new Map<number, number[]>();
  basinOfOrigin.forEach((b, o) => { if (b >= 0) (members.get(b) ?? members.set(b, []).get(b)!).push(o); });
  basinOfUnit.forEach((b, u) => { if (b >= 0) (units.get(b) ?? units.set(b, []).get(b)!).push(u); });
  const resident = new Map<number, number>();
  const inside = new Map<number, number>();
  for (const [b, os] of members) {
    let r = 0;
    let n = 0;
    for (const o of os) {
      r += idx.originStays[o];
      for (let k = idx.offsets[o]; k < idx.offsets[o + 1]; k++) if (basinOfUnit[idx.unit[k]] === b) n += idx.stays[k];
    }
    resident.set(b, r);
    inside.set(b, n);
  }
  const li = (b: number) => (resident.get(b)! > 0 ? inside.get(b)! / resident.get(b)! : 0);
  const merges: BasinMerge[] = [];
  const unmergeable = new Set<number>();
  for (;;) {
    let pick = -1;
    for (const b of members.keys()) {
      if (unmergeable.has(b) || (li(b) >= minLi && resident.get(b)! >= minStays)) continue;
      if (pick < 0 || resident.get(b)! < resident.get(pick)! || (resident.get(b) === resident.get(pick) && (li(b) < li(pick) || (li(b) === li(pick) && b < pick)))) pick = b;
    }
    if (pick < 0) break;
    const b = pick;
    const candidates = new Set<number>();
    const toBasin = new Map<number, number>();
    for (const o of members.get(b)!) {
      for (let k = adj.offsets[o]; k < adj.offsets[o + 1]; k++) {
        const nb = basinOfOrigin[adj.neighbours[k]];
        if (nb >= 0 && nb !== b) candidates.add(nb);
      }
      for (const [t, s] of staysToBasins(idx, basinOfUnit, o)) toBasin.set(t, (toBasin.get(t) ?? 0) + s);
    }
    if (candidates.size === 0) { unmergeable.add(b); continue; }
    const c = bestNeighbourBasin(candidates, toBasin);
    merges.push({ from: b, to: c, reason: resident.get(b)! < minStays ? 'size' : 'localization', localizationRatio: li(b), staysCount: resident.get(b)! });
    // c's residents treated by b's units become inside stays of the merged basin
    let cToB = 0;
    for (const u of units.get(b) ?? []) {
      for (let k = idx.unitOffsets[u]; k < idx.unitOffsets[u + 1]; k++) if (basinOfOrigin[idx.byUnitOrigin[k]] === c) cToB += idx.byUnitStays[k];
    }
    inside.set(c, inside.get(c)! + inside.get(b)! + (toBasin.get(c) ?? 0) + cToB);
    resident.set(c, resident.get(c)! + resident.get(b)!);
    for (const o of members.get(b)!) basinOfOrigin[o] = c;
    for (const u of units.get(b) ?? []) basinOfUnit[u] = c;
    members.get(c)!.push(...members.get(b)!);
    (units.get(c) ?? units.set(c, []).get(c)!).push(...(units.get(b) ?? []));
    for (const m of [members, units, resident, inside]) m.delete(b);
  }
  return { assignment: { basinOfOrigin, basinOfUnit }, merges, unmergeable: [...unmergeable].sort((x, y) => x - y) };
}

/** The three steps, then the figures of each basin. */
export function flowBasins(flows: FlowTable, adj: Adjacency, opts: FlowBasinOptions = {}): FlowBasinsResult {
  const idx = indexFlows(flows);
  checkAdjacency(adj, flows.originCount);
  if (opts.unitHome && opts.unitHome.length !== flows.unitCount) {
    throw new BasinInputError('BAD_INPUT', 'unitHome', basinsText.sizeMismatch('unitHome', flows.unitCount, opts.unitHome.length));
  }
  const plural = pluralityAssign(idx);
  const contiguous = fixContiguity(idx, adj, plural, opts);
  const merged = mergeBasins(idx, adj, contiguous.assignment, opts);
  const { basinOfOrigin, basinOfUnit } = merged.assignment;
  return {
    basinOfOrigin, basinOfUnit,
    basins: basinStats(idx, merged.assignment),
    contiguityMoves: contiguous.moves,
    contiguityStable: contiguous.stable,
    detachedOriginCount: contiguous.detachedOriginCount,
    merges: merged.merges,
    unmergeable: merged.unmergeable,
    unassignedOriginCount: basinOfOrigin.reduce((n, b) => n + (b < 0 ? 1 : 0), 0),
  };
}
