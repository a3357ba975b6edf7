import { afterAll, describe, expect, it } from 'vitest';
import { MatrixWorkerPool, chMatrix, dijkstra, nodeSeed, pairsWithin, parallelPointMatrix, pointMatrix, seededRandom, type LonLat } from '../../../api/src/domain/routing/index.js';
import { fixtureNetwork } from './fixtures.js';

describe('parallel matrix over worker_threads', () => {
  const { graph, ch, network } = fixtureNetwork('andorra');
  const pool = new MatrixWorkerPool(ch, 3, 0); // minCells 0: always use the workers here; 3 so that slices are uneven
  afterAll(() => pool.close());

  it('gives the single-thread bucket-CH matrix, cell for cell', async () => {
    const random = seededRandom(5);
    const sources = Array.from({ length: 61 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const targets = Array.from({ length: 47 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const single = chMatrix(ch, sources, targets);
    const parallel = await pool.matrix(sources, targets);
    expect(Array.from(parallel.durationMs)).toEqual(Array.from(single.durationMs));
    expect(Array.from(parallel.distanceM)).toEqual(Array.from(single.distanceM));
  });

  it('answers point matrices like pointMatrix, nulls included', async () => {
    const random = seededRandom(9);
    const points = Array.from({ length: 40 }, () => [1.42 + random() * 0.36, 42.44 + random() * 0.2] as LonLat);
    expect(await parallelPointMatrix(network, pool, points, points.slice(0, 30))).toEqual(pointMatrix(network, points, points.slice(0, 30)));
  });
});

describe('pairs within a cut-off (distancier engine)', () => {
  it('lists exactly the pairs Dijkstra finds within the cut-off, with their durations', () => {
    const { graph, ch } = fixtureNetwork('andorra');
    const random = seededRandom(21);
    const sources = Array.from({ length: 70 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const targets = Array.from({ length: 90 }, () => nodeSeed(Math.floor(random() * graph.nodeCount)));
    const maxMs = 12 * 60_000;
    const found = new Map<string, number>();
    let blocks = 0;
    pairsWithin(ch, sources, targets, maxMs, (block) => {
      blocks++;
      block.source.forEach((s, k) => found.set(`${s}:${block.target[k]}`, block.durationMs[k]));
    }, 32);
    expect(blocks).toBe(3);
    const expected = new Map<string, number>();
    sources.forEach((s, i) => {
      const row = dijkstra(graph, s, { maxDurationMs: maxMs }).durationMs;
      targets.forEach((t, j) => {
        if (row[t.nodes[0]] <= maxMs) expected.set(`${i}:${j}`, row[t.nodes[0]]);
      });
    });
    expect(expected.size).toBeGreaterThan(100);
    expect(expected.size).toBeLessThan(70 * 90);
    expect(found).toEqual(expected);
  });
});

describe('worker pool under concurrent calls', () => {
  it('answers overlapping matrix calls each with its own result', async () => {
    const { graph, ch } = fixtureNetwork('monaco');
    const pool = new MatrixWorkerPool(ch, 2, 0);
    try {
      const random = seededRandom(3);
      const sets = Array.from({ length: 3 }, () => Array.from({ length: 20 }, () => nodeSeed(Math.floor(random() * graph.nodeCount))));
      const results = await Promise.all(sets.map((set) => pool.matrix(set, set.slice(0, 15))));
      results.forEach((m, k) => expect(Array.from(m.durationMs)).toEqual(Array.from(chMatrix(ch, sets[k], sets[k].slice(0, 15)).durationMs)));
    } finally {
      await pool.close();
    }
  });
});
