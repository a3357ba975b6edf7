/**
 * Patient-origin flow indicators on a table of stays by establishment × patient zone (PMSI code géo).
 * Works the same on observed flows (an imported "origine des patients" file) and modelled ones.
 */

export interface FlowRow {
  finess: string;
  zoneCode: string;
  stays: number;
}

export interface ZoneMarket {
  zoneCode: string;
  staysCount: number;
  shares: { finess: string; staysCount: number; shareRatio: number }[];
}

/** Market shares of establishments in each patient zone (shares of one zone sum to 1). */
export function marketShares(flows: FlowRow[], zoneCodes?: Iterable<string>): ZoneMarket[] {
  const only = zoneCodes ? new Set(zoneCodes) : null;
  const byZone = new Map<string, Map<string, number>>();
  for (const f of flows) {
    if (only && !only.has(f.zoneCode)) continue;
    if (!byZone.has(f.zoneCode)) byZone.set(f.zoneCode, new Map());
    const m = byZone.get(f.zoneCode)!;
    m.set(f.finess, (m.get(f.finess) ?? 0) + f.stays);
  }
  return [...byZone.entries()]
    .map(([zoneCode, m]) => {
      const staysCount = [...m.values()].reduce((a, b) => a + b, 0);
      const shares = [...m.entries()]
        .map(([finess, s]) => ({ finess, staysCount: s, shareRatio: staysCount ? s / staysCount : 0 }))
        .sort((a, b) => b.staysCount - a.staysCount || a.finess.localeCompare(b.finess));
      return { zoneCode, staysCount, shares };
    })
    .sort((a, b) => a.zoneCode.localeCompare(b.zoneCode));
}

export interface AttractivenessZone {
  finess: string;
  thresholdRatio: number;
  staysCount: number;
  zones: { zoneCode: string; staysCount: number; shareRatio: number; cumulativeRatio: number }[];
}

/**
 * Attractiveness zone: the patient zones that, taken by decreasing stays, make `thresholdRatio`
 * (80 % by default) of the establishment's stays — the smallest such prefix, ties broken by code.
 */
export function attractivenessZone(flows: FlowRow[], finess: string, thresholdRatio = 0.8): AttractivenessZone {
  const m = new Map<string, number>();
  for (const f of flows) if (f.finess === finess) m.set(f.zoneCode, (m.get(f.zoneCode) ?? 0) + f.stays);
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  const sorted = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const zones: AttractivenessZone['zones'] = [];
  let cumulative = 0;
  for (const [zoneCode, s] of sorted) {
    if (total === 0 || cumulative / total >= thresholdRatio - 1e-12) break;
    cumulative += s;
    zones.push({ zoneCode, staysCount: s, shareRatio: s / total, cumulativeRatio: cumulative / total });
  }
  return { finess, thresholdRatio, staysCount: total, zones };
}

export interface LeakageAutarky {
  residentStaysCount: number;
  insideStaysCount: number;
  outsideStaysCount: number;
  /** Share of residents' stays treated by establishments located in the zone. */
  autarkyRatio: number;
  /** Share of residents' stays treated outside the zone (1 − autarky). */
  leakageRatio: number;
  /** Stays of the zone's establishments coming from residents elsewhere, over all their stays. */
  attractionRatio: number;
  byEstablishment: { finess: string; inside: boolean; staysCount: number; shareRatio: number }[];
}

/** Leakage and autarky of a zone (a set of patient zones) given which establishments lie inside it. */
export function leakageAutarky(flows: FlowRow[], zoneCodes: Iterable<string>, establishmentsInside: Iterable<string>): LeakageAutarky {
  const zones = new Set(zoneCodes);
  const inside = new Set(establishmentsInside);
  const byEst = new Map<string, number>();
  let insideStays = 0;
  let fromOutside = 0;
  let insideEstStays = 0;
  for (const f of flows) {
    if (inside.has(f.finess)) {
      insideEstStays += f.stays;
      if (!zones.has(f.zoneCode)) fromOutside += f.stays;
    }
    if (!zones.has(f.zoneCode)) continue;
    byEst.set(f.finess, (byEst.get(f.finess) ?? 0) + f.stays);
    if (inside.has(f.finess)) insideStays += f.stays;
  }
  const resident = [...byEst.values()].reduce((a, b) => a + b, 0);
  const outside = resident - insideStays;
  return {
    residentStaysCount: resident,
    insideStaysCount: insideStays,
    outsideStaysCount: outside,
    autarkyRatio: resident ? insideStays / resident : 0,
    leakageRatio: resident ? outside / resident : 0,
    attractionRatio: insideEstStays ? fromOutside / insideEstStays : 0,
    byEstablishment: [...byEst.entries()]
      .map(([finess, s]) => ({ finess, inside: inside.has(finess), staysCount: s, shareRatio: s / resident }))
      .sort((a, b) => b.staysCount - a.staysCount || a.finess.localeCompare(b.finess)),
  };
}
