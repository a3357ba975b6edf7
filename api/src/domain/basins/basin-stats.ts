/**
 * Figures of each flow basin for an assignment: members, residents' stays, localization index (LI: share of the
 * residents' stays treated by the basin's units), leakage (1 − LI), stays treated by its units from anywhere, and
 * its main unit (the basin unit treating most of the residents' stays) with that unit's share of them.
 */
import type { FlowIndex } from './flow-index.js';
import type { Assignment } from './flow-basins.js';

export interface BasinStats {
  /** basin id = its founding unit's index */
  id: number;
  members: number[];
  units: number[];
  residentStaysCount: number;
  insideStaysCount: number;
  localizationRatio: number;
  leakageRatio: number;
  /** stays treated by the basin's units, residents of anywhere */
  treatedStaysCount: number;
  /** -1 when the basin's units treat none of its residents */
  mainUnit: number;
  mainUnitShareRatio: number;
}

export function basinStats(idx: FlowIndex, a: Assignment): BasinStats[] {
  const byId = new Map<number, BasinStats>();
  const get = (b: number) => byId.get(b) ?? byId.set(b, {
    id: b, members: [], units: [], residentStaysCount: 0, insideStaysCount: 0, localizationRatio: 0, leakageRatio: 1,
    treatedStaysCount: 0, mainUnit: -1, mainUnitShareRatio: 0,
  }).get(b)!;
  const unitFromResidents = new Float64Array(idx.unitCount);
  a.basinOfOrigin.forEach((b, o) => {
    if (b < 0) return;
    const s = get(b);
    s.members.push(o);
    s.residentStaysCount += idx.originStays[o];
    for (let k = idx.offsets[o]; k < idx.offsets[o + 1]; k++) {
      const u = idx.unit[k];
      if (a.basinOfUnit[u] === b) { s.insideStaysCount += idx.stays[k]; unitFromResidents[u] += idx.stays[k]; }
    }
  });
  a.basinOfUnit.forEach((b, u) => {
    if (b < 0) return;
    const s = get(b);
    s.units.push(u);
    for (let k = idx.unitOffsets[u]; k < idx.unitOffsets[u + 1]; k++) s.treatedStaysCount += idx.byUnitStays[k];
    if (unitFromResidents[u] > 0 && (s.mainUnit < 0 || unitFromResidents[u] > unitFromResidents[s.mainUnit])) s.mainUnit = u;
  });
  for (const s of byId.values()) {
    if (s.residentStaysCount > 0) {
      s.localizationRatio = s.insideStaysCount / s.residentStaysCount;
      s.leakageRatio = 1 - s.localizationRatio;
      if (s.mainUnit >= 0) s.mainUnitShareRatio = unitFromResidents[s.mainUnit] / s.residentStaysCount;
    }
  }
  return [...byId.values()].sort((x, y) => x.id - y.id);
}
