import { describe, expect, it } from 'vitest';
import { buildRoadGraph, edgeCoordinates, type RoadWay } from '../../../api/src/domain/routing/index.js';
import { FIXTURES, fixtureNetwork, fixtureWays } from './fixtures.js';

const DEG = 0.001; // ~111 m of latitude
const way = (keys: number[], oneway: 0 | 1 | -1 = 0, speedKmh = 36): RoadWay => ({
  vertexKeys: keys,
  coords: keys.flatMap((k) => [2 + (k % 100) * DEG, 45 + Math.floor(k / 100) * DEG]),
  roadClass: 'residential',
  speedKmh,
  oneway,
});

describe('buildRoadGraph on hand-made networks', () => {
  it('splits ways at shared vertices and compresses degree-2 chains, keeping the geometry', () => {
    // a square 0-1-2-3-0 drawn as two ways, plus a spur 2→102 (three shape points on the first way)
    const { graph, report } = buildRoadGraph([way([0, 1, 2]), way([2, 3, 0]), way([2, 102])]);
    // junctions: 0 and 2 (way ends, shared), 102 (spur end); 1 and 3 are chain vertices
    expect(report.nodeCount).toBe(3);
    expect(report.pieceCount).toBe(3);
    expect(report.edgeCount).toBe(6);
    const coordsOfAll = Array.from({ length: graph.edgeCount }, (_, e) => edgeCoordinates(graph, e).length);
    expect(coordsOfAll.sort()).toEqual([2, 2, 3, 3, 3, 3]);
    // 36 km/h = 10 m/s; a square side is ~111 m (lat) or ~79 m (lon at 45°)
    const total = Array.from(graph.edgeDistanceM).reduce((a, b) => a + b, 0);
    expect(total / 2).toBeCloseTo(report.keptKm * 1000, 0);
    for (let e = 0; e < graph.edgeCount; e++) expect(graph.edgeDurationMs[e]).toBe(Math.round(graph.edgeDistanceM[e] * 100));
  });

  it('merges two ways meeting end to end only when their directions agree', () => {
    const twoWay = buildRoadGraph([way([0, 1]), way([1, 2]), way([2, 102, 101, 0])], {});
    expect(twoWay.report.nodeCount).toBeLessThan(4);
    // a one-way piece followed by a two-way piece is a real junction: kept
    // (node 2 between two two-way pieces goes; nodes 0 and 1 stay, with a single 0→1 edge)
    const mixed = buildRoadGraph([way([0, 1], 1), way([1, 2]), way([2, 102, 101, 0])], { keepLargestComponent: false });
    expect(mixed.graph.nodeCount).toBe(2);
    expect(mixed.graph.edgeCount).toBe(3);
  });

  it('keeps the largest strongly connected component and reports what it dropped', () => {
    const ways = [
      way([0, 1]), way([1, 2]), way([2, 0]), way([2, 3, 4]), // main loop + spur (all two-way)
      way([50, 51]), // separate island: 2 nodes, ~79 m
      way([4, 5], 1), // one-way dead end: 5 can be reached but never left
    ];
    const { graph, report } = buildRoadGraph(ways);
    expect(report.componentCount).toBe(3);
    expect(report.droppedComponentCount).toBe(2);
    expect(report.droppedNodeCount).toBe(3); // 50, 51, 5
    expect(report.droppedKm).toBeCloseTo(2 * 0.0786, 2);
    expect(report.keptNodeCount).toBe(report.junctionCount - report.droppedNodeCount);
    expect(report.largestComponentShareRatio).toBeCloseTo(4 / 7, 6); // junctions 0, 1, 2, 4 of 0, 1, 2, 4, 5, 50, 51
    expect(graph.nodeCount).toBeGreaterThan(0);
  });
});

describe.each(FIXTURES)('import report of the %s fixture', (name) => {
  it('accounts for every kilometre and node, and keeps a strongly connected graph', () => {
    const { report, graph } = fixtureNetwork(name);
    const ways = fixtureWays(name);
    expect(report.inputWayCount).toBe(ways.length);
    expect(report.keptNodeCount + report.droppedNodeCount).toBe(report.junctionCount);
    expect(report.droppedComponentCount).toBe(report.componentCount - 1);
    expect(report.droppedComponentCount).toBeGreaterThan(0); // every real extract has islands (clipped ways, private courtyards)
    expect(report.nodeCount).toBe(report.keptNodeCount - report.compressedNodeCount);
    expect(graph.nodeCount).toBe(report.nodeCount);
    const byClassKm = Object.values(report.kmByClass).reduce((a, b) => a + b, 0);
    expect(byClassKm).toBeCloseTo(report.keptKm, 1);
  });
});

describe('dropped-component report on real data', () => {
  it('Saint-Germain-en-Laye (OSMnx drive graph of a forest town) loses its private forest roads', () => {
    const { report } = fixtureNetwork('saint-germain-en-laye');
    expect(report.largestComponentShareRatio).toBeLessThan(0.9);
    expect(report.droppedKm).toBeGreaterThan(20);
  });
  it('Monaco keeps more than 85 % of its junctions', () => {
    expect(fixtureNetwork('monaco').report.largestComponentShareRatio).toBeGreaterThan(0.85);
  });
});
