import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adjacencyForCodes, checkAdjacency, graphComponents, type CommuneAdjacencyArtifact } from '../../../api/src/domain/sectors/index.js';

const FILE = new URL('../../../data/territory/commune-adjacency-2026.json.gz', import.meta.url).pathname;

describe.skipIf(!existsSync(FILE))('committed commune adjacency (data/territory/commune-adjacency-2026.json.gz)', () => {
  const artifact = JSON.parse(gunzipSync(readFileSync(FILE)).toString()) as CommuneAdjacencyArtifact;
  const adj = { offsets: Int32Array.from(artifact.offsets), neighbours: Int32Array.from(artifact.neighbours) };
  const index = new Map(artifact.codes.map((c, i) => [c, i]));
  const touch = (a: string, b: string) => artifact.neighbours.slice(artifact.offsets[index.get(a)!], artifact.offsets[index.get(a)! + 1]).includes(index.get(b)!);
  const degree = (code: string) => artifact.offsets[index.get(code)! + 1] - artifact.offsets[index.get(code)!];

  it('holds the 34,875 COG 2026 communes with an outline, sorted, symmetric, no self-loop', () => {
    expect(artifact.codes).toHaveLength(34875);
    expect(artifact.neighbours.length / 2).toBe(102076);
    expect([...artifact.codes].sort()).toEqual(artifact.codes);
    expect(() => checkAdjacency(adj, artifact.codes.length)).not.toThrow();
  });

  it('knows real neighbours, the enclave, and leaves the islands alone', () => {
    expect(touch('75056', '92012')).toBe(true); // Paris – Boulogne-Billancourt
    expect(touch('69123', '69266')).toBe(true); // Lyon – Villeurbanne
    expect(touch('14512', '14174')).toBe(true); // Pontécoulant, an enclave drawn without its hole, in Condé-en-Normandie
    expect(touch('75056', '69123')).toBe(false);
    for (const island of ['85113', '29155', '56069', '22016']) expect(degree(island)).toBe(0); // Yeu, Ouessant, Groix, Bréhat
  });

  it('puts Corsica, Ré and the DROM in their own graph components', () => {
    const { componentOf, componentCount } = graphComponents(adj);
    const comp = (code: string) => componentOf[index.get(code)!];
    expect(componentCount).toBe(29);
    expect(comp('2A004')).toBe(comp('2B033')); // Ajaccio – Bastia
    expect(comp('2A004')).not.toBe(comp('13055')); // Ajaccio – Marseille
    expect(comp('17019')).not.toBe(comp('17300')); // Ars-en-Ré – La Rochelle (a bridge, no shared border)
    expect(comp('97411')).not.toBe(comp('75056'));
  });

  it('re-indexes onto a plan’s communes and lists those it does not know (overseas collectivities)', () => {
    const { adjacency, missing } = adjacencyForCodes(artifact, ['92012', '97502', '75056']);
    expect(missing).toEqual(['97502']);
    expect([...adjacency.offsets]).toEqual([0, 1, 1, 2]);
    expect([...adjacency.neighbours]).toEqual([2, 0]);
  });
});
