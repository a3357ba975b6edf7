import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adjacencyForCodes, checkAdjacency, hasNeighbour, type AdjacencyArtifact } from '../../../api/src/domain/basins/index.js';

const FILE = new URL('../../../data/health/pmsi-adjacency-2017.json.gz', import.meta.url).pathname;

describe.skipIf(!existsSync(FILE))('committed PMSI code géo adjacency (data/health/pmsi-adjacency-2017.json.gz)', () => {
  const artifact = JSON.parse(gunzipSync(readFileSync(FILE)).toString()) as AdjacencyArtifact;
  const adj = { offsets: Int32Array.from(artifact.offsets), neighbours: Int32Array.from(artifact.neighbours) };
  const at = (code: string) => artifact.codes.indexOf(code);
  const touch = (a: string, b: string) => hasNeighbour(adj, at(a), at(b));

  it('holds the 5,642 metropolitan codes, sorted, symmetric, no self-loop', () => {
    expect(artifact.codes).toHaveLength(5642);
    expect([...artifact.codes].sort()).toEqual(artifact.codes);
    expect(() => checkAdjacency(adj, artifact.codes.length)).not.toThrow();
  });

  it('knows real neighbours, across the Paris gaps too, and the islands alone', () => {
    expect(touch('33000', '33400')).toBe(true); // Bordeaux – Talence
    expect(touch('67000', '67300')).toBe(true); // Strasbourg – Schiltigheim
    expect(touch('75016', '92100')).toBe(true); // Paris 16e – Boulogne-Billancourt (a ~2–50 m gap in the ATIH map)
    expect(touch('75020', '93100')).toBe(true); // Paris 20e – Montreuil
    expect(touch('75016', '75020')).toBe(false);
    expect(touch('33000', '67000')).toBe(false);
    for (const island of ['85350', '56360', '56590', '29C02']) expect(adj.offsets[at(island) + 1] - adj.offsets[at(island)]).toBe(0); // Yeu, Belle-Île, Groix, Ouessant-Molène
  });

  it('re-indexes onto a flow table’s origins and says the codes it does not know', () => {
    const { adjacency, missing } = adjacencyForCodes(artifact, ['33400', '97100', '33000', '67000']);
    expect(missing).toEqual(['97100']);
    expect([...adjacency.offsets]).toEqual([0, 1, 1, 2, 2]);
    expect([...adjacency.neighbours]).toEqual([2, 0]);
  });
});
