/**
 * Indicators over a drive-time membership: the nested zones of isochrone bands. Each member (a commune, or a
 * located point such as a customer or a hospital site) carries the drive time that placed it; the band of
 * `breakSec` holds every member whose own time is ≤ breakSec. Each band is then aggregated exactly as a zone
 * profile aggregates its members (aggregateIndicator, registry definitions): routing decides who is inside,
 * the indicators module decides what that amounts to.
 */
import { aggregateIndicator, type AggregateResult, type WeightedMember } from './aggregate.js';
import type { CommuneFacts, IndicatorDef } from './registry.js';

/** A member with the drive time that placed it (`communeCode` is the facts key: a commune code or a point key). */
export interface TimedMember extends WeightedMember {
  durationSec: number;
}

export interface BandFigures {
  breakSec: number;
  /** Members inside the band (time ≤ breakSec). */
  memberCount: number;
  /** Indicator id → its value over the band's members. */
  values: Map<string, AggregateResult>;
}

/** Figures of each band, in the order of `breaksSec` (bands are nested: a member of 10 min is in the 20-min band too). */
export function aggregateOverMembership(defs: readonly IndicatorDef[], members: readonly TimedMember[], facts: CommuneFacts, breaksSec: readonly number[]): BandFigures[] {
  return breaksSec.map((breakSec) => {
    const inside = members.filter((m) => m.durationSec <= breakSec);
    return { breakSec, memberCount: inside.length, values: new Map(defs.map((d) => [d.id, aggregateIndicator(d, inside, facts)])) };
  });
}

/**
 * A count over a band: an empty band has no contributing member (aggregateIndicator says null, "no data"),
 * but a count of points or communes inside a band is known to be 0 there.
 */
export const countIn = (band: BandFigures, id: string): number => band.values.get(id)?.value ?? 0;
