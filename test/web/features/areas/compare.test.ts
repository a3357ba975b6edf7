import { describe, expect, it } from 'vitest';
import { scenarioColumn, storeChanges, toggleCompared } from '../../../../web/src/features/areas/compare';
import type { Scenario } from '../../../../web/src/features/areas/api';

const row = (key: string, role: string, change: string, base: number, after: number, captured: number, cannibalised: number) => ({
  key, name: `Magasin ${key}`, role, change, baseDemand: base, newDemand: after, deltaDemand: after - base, capturedFromCompetitors: captured, cannibalisedFromOwn: cannibalised,
});
const scenario = (id: string, summary: Record<string, unknown>): Scenario =>
  ({ id, name: `Scénario ${id}`, createdAt: '2026-11-30T20:00:00.000Z', request: {}, summary, createdBy: 'local' }) as unknown as Scenario;

// A: a candidate takes 300 from a competitor and 200 from own store P1 → own network 1000 → 1300.
const A = scenario('A', {
  ownNetworkBase: 1000, ownNetworkNew: 1300, ownNetworkDelta: 300, unit: 'habitants', demandLabel: 'Population', synthetic: true,
  changedRows: [row('candidat-1', 'own', 'add', 0, 500, 300, 200), row('P1', 'own', 'none', 600, 400, 0, -200), row('C1', 'competitor', 'none', 800, 500, -300, 0)],
});
// B: P1 closes: 150 go to own P2, 450 to the competitor.
const B = scenario('B', {
  ownNetworkBase: 1000, ownNetworkNew: 550, ownNetworkDelta: -450,
  changedRows: [row('P1', 'own', 'close', 600, 0, -450, -150), row('P2', 'own', 'none', 400, 550, 0, 150), row('C1', 'competitor', 'none', 800, 1250, 450, 0)],
});
const OLD = scenario('C', { ownNetworkBase: 1000, ownNetworkNew: 1100, ownNetworkDelta: 100 });

describe('saved scenarios side by side', () => {
  it('per scenario: own network before → after, captured from competitors, moved between own stores', () => {
    expect(scenarioColumn(A)).toMatchObject({ ownBase: 1000, ownAfter: 1300, ownDelta: 300, capturedFromCompetitors: 300, cannibalisedFromOwn: 200, synthetic: true });
    expect(scenarioColumn(B)).toMatchObject({ ownDelta: -450, capturedFromCompetitors: -450, cannibalisedFromOwn: 150, synthetic: false });
    // here every commune was reached before: what the own network gained or lost went to or came from competitors
    for (const s of [A, B]) expect(scenarioColumn(s).capturedFromCompetitors).toBe(scenarioColumn(s).ownDelta);
    // saved without per-store rows: unknown, never 0
    expect(scenarioColumn(OLD)).toMatchObject({ ownDelta: 100, capturedFromCompetitors: null, cannibalisedFromOwn: null, rows: null });
  });

  it('per store: its change in each scenario (0 where it did not change, null where it does not exist or the scenario has no rows), largest first', () => {
    const rows = storeChanges([A, B, OLD].map(scenarioColumn));
    expect(rows.map((r) => r.key)).toEqual(['P1', 'candidat-1', 'C1', 'P2']);
    expect(rows[0].cells).toEqual([{ deltaDemand: -200, change: 'none' }, { deltaDemand: -600, change: 'close' }, null]);
    expect(rows[1].cells).toEqual([{ deltaDemand: 500, change: 'add' }, null, null]); // the candidate does not exist in B
    expect(rows[3].cells[0]).toEqual({ deltaDemand: 0, change: 'none' });
  });

  it('ticks at most six scenarios (the oldest tick drops), unticks', () => {
    let ids: string[] = [];
    for (const id of ['1', '2', '3', '4', '5', '6', '7']) ids = toggleCompared(ids, id);
    expect(ids).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(toggleCompared(ids, '4')).toEqual(['2', '3', '5', '6', '7']);
  });
});
