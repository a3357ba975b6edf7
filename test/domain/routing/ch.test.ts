import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ChRouter, chMatrix, deserializeGraph, dijkstra, nodeSeed, phast, readGraphFile, seededRandom, serializeGraph, writeGraphFile,
} from '../../../api/src/domain/routing/index.js';
import { FIXTURES, fixtureNetwork } from './fixtures.js';

describe.each(FIXTURES)('contraction hierarchy on the %s fixture', (name) => {
  it('gives exactly the plain-Dijkstra duration for 1,000 random pairs, and paths that add up', () => {
    const { graph, ch } = fixtureNetwork(name);
    const random = seededRandom(42);
    const router = new ChRouter(ch);
    const pairs = Array.from({ length: 1000 }, () => [Math.floor(random() * graph.nodeCount), Math.floor(random() * graph.nodeCount)]);
    // one Dijkstra per distinct source keeps this fast; compare every pair exactly (integer ms)
    const mismatches: string[] = [];
    let pathChecks = 0;
    for (const [s, t] of pairs) {
      const reference = dijkstra(graph, nodeSeed(s), { stopAt: [t] }).durationMs[t];
      const viaCh = router.durationMs(nodeSeed(s), nodeSeed(t));
      if (viaCh !== reference) mismatches.push(`${s}→${t}: CH ${viaCh} ms, Dijkstra ${reference} ms`);
      if (pathChecks++ < 200) {
        const path = router.path(nodeSeed(s), nodeSeed(t))!;
        let sumMs = 0;
        let at = s;
        for (const edge of path.edges) {
          expect(edgeStartsAt(graph, edge, at)).toBe(true);
          sumMs += graph.edgeDurationMs[edge];
          at = graph.edgeTarget[edge];
        }
        expect(at).toBe(t);
        expect(sumMs).toBe(reference);
      }
    }
    expect(mismatches).toEqual([]);
    // the largest strongly connected component is kept: every pair is reachable
    expect(pairs.every(([s, t]) => router.durationMs(nodeSeed(s), nodeSeed(t)) !== null)).toBe(true);
  });

  it('PHAST one-to-all equals Dijkstra one-to-all, distances included', () => {
    const { graph, ch } = fixtureNetwork(name);
    for (const source of [0, Math.floor(graph.nodeCount / 2), graph.nodeCount - 1]) {
      const reference = dijkstra(graph, nodeSeed(source));
      const fast = phast(ch, nodeSeed(source), { withDistance: true });
      expect(Array.from(fast.durationMs)).toEqual(Array.from(reference.durationMs));
      // distances follow the fastest path; equal-duration ties may take another road, so allow a few
      let sameDistance = 0;
      for (let v = 0; v < graph.nodeCount; v++) if (Math.abs(fast.distanceM![v] - reference.distanceM[v]) < 0.5) sameDistance++;
      expect(sameDistance / graph.nodeCount).toBeGreaterThan(0.97);
    }
  });

  it('bucket many-to-many matrix equals Dijkstra rows', () => {
    const { graph, ch } = fixtureNetwork(name);
    const random = seededRandom(7);
    const sources = Array.from({ length: 25 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const targets = Array.from({ length: 40 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const matrix = chMatrix(ch, sources, targets);
    for (let i = 0; i < sources.length; i++) {
      const row = dijkstra(graph, sources[i]).durationMs;
      expect(Array.from(matrix.durationMs.subarray(i * 40, (i + 1) * 40))).toEqual(targets.map((t) => row[t.nodes[0]]));
    }
  });

  it('survives a graph-file round trip with identical answers', () => {
    const { graph, ch } = fixtureNetwork(name);
    const chunks = serializeGraph(graph, ch, { source: `fixture ${name}` });
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const loaded = deserializeGraph(bytes);
    expect(loaded.meta.nodeCount).toBe(graph.nodeCount);
    expect(loaded.meta.bbox).toHaveLength(4);
    expect(Array.from(loaded.graph.edgeDurationMs)).toEqual(Array.from(graph.edgeDurationMs));
    const a = new ChRouter(ch);
    const b = new ChRouter(loaded.ch!);
    for (let s = 0; s < graph.nodeCount; s += Math.ceil(graph.nodeCount / 20)) {
      expect(b.durationMs(nodeSeed(s), nodeSeed(graph.nodeCount - 1 - s))).toBe(a.durationMs(nodeSeed(s), nodeSeed(graph.nodeCount - 1 - s)));
    }
  });
});

describe('graph file', () => {
  it('writes one file and reads it back with its meta data', () => {
    const { graph, ch, report } = fixtureNetwork('saint-barthelemy');
    const dir = mkdtempSync(join(tmpdir(), 'maillage-graph-'));
    try {
      const path = join(dir, 'saint-barthelemy.graph');
      writeGraphFile(path, graph, ch, { source: 'OSM saint-barthelemy.osm.pbf', licence: 'ODbL 1.0', report });
      const loaded = readGraphFile(path);
      expect(loaded.meta).toMatchObject({ source: 'OSM saint-barthelemy.osm.pbf', licence: 'ODbL 1.0', nodeCount: graph.nodeCount, edgeCount: graph.edgeCount });
      expect(loaded.meta.report?.droppedComponentCount).toBe(report.droppedComponentCount);
      const [w, s, e, n] = loaded.meta.bbox!;
      expect(w).toBeGreaterThan(-63);
      expect(e).toBeLessThan(-62.7);
      expect(s).toBeGreaterThan(17.8);
      expect(n).toBeLessThan(18);
      expect(Array.from(loaded.ch!.upTarget)).toEqual(Array.from(ch.upTarget));
      expect(Array.from(loaded.graph.geometryCoords)).toEqual(Array.from(graph.geometryCoords));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects files that are not graph files, with what to do', () => {
    expect(() => deserializeGraph(new TextEncoder().encode('PK\u0003\u0004 not a graph at all'))).toThrow(/not a Maillage graph file.*rebuild/);
  });
});

function edgeStartsAt(graph: ReturnType<typeof fixtureNetwork>['graph'], edge: number, node: number): boolean {
  return graph.firstOut[node] <= edge && edge < graph.firstOut[node + 1];
}
