import { ALONG, AGAINST, emptyPieces, type RawPieces } from './split-ways.js';

/**
 * Merges pieces through degree-2 nodes: a node touched by exactly two kept pieces that lead to two
 * different other nodes, with the same class and speed (so durations stay proportional to length
 * along the merged geometry) and compatible directions (traffic that can enter by one piece can
 * leave by the other, and only that). Returns new pieces over the surviving nodes, renumbered.
 */
export function compressChains(input: RawPieces, keepPiece: Uint8Array): { pieces: RawPieces; compressedNodeCount: number } {
  const n = input.nodeCount;
  const degree = new Int32Array(n + 1);
  for (let p = 0; p < input.from.length; p++) {
    if (!keepPiece[p]) continue;
    degree[input.from[p] + 1]++;
    degree[input.to[p] + 1]++;
  }
  for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
  const firstIncident = degree;
  const fill = firstIncident.slice(0, n);
  const incident = new Int32Array(firstIncident[n]);
  for (let p = 0; p < input.from.length; p++) {
    if (!keepPiece[p]) continue;
    incident[fill[input.from[p]]++] = p;
    incident[fill[input.to[p]]++] = p;
  }
  const otherEnd = (p: number, v: number) => (input.from[p] === v ? input.to[p] : input.from[p]);
  /** Directions of piece p as seen when walking it away from node v. */
  const dirsFrom = (p: number, v: number) =>
    input.from[p] === v && input.to[p] !== v ? input.directions[p] : swapDirections(input.directions[p]);

  const through = new Uint8Array(n);
  let compressedNodeCount = 0;
  for (let v = 0; v < n; v++) {
    if (firstIncident[v + 1] - firstIncident[v] !== 2) continue;
    const p1 = incident[firstIncident[v]];
    const p2 = incident[firstIncident[v] + 1];
    if (p1 === p2) continue;
    const a = otherEnd(p1, v);
    const b = otherEnd(p2, v);
    if (a === b || a === v || b === v) continue;
    if (input.classIndex[p1] !== input.classIndex[p2] || input.speedKmh[p1] !== input.speedKmh[p2]) continue;
    // walking a→v→b: along p1 towards v is the reverse of "away from v"
    if (swapDirections(dirsFrom(p1, v)) !== dirsFrom(p2, v)) continue;
    through[v] = 1;
    compressedNodeCount++;
  }

  const out = emptyPieces();
  const newId = new Int32Array(n).fill(-1);
  const nodeId = (v: number): number => {
    if (newId[v] === -1) {
      newId[v] = out.nodeCount++;
      out.nodeLon.push(input.nodeLon[v]);
      out.nodeLat.push(input.nodeLat[v]);
    }
    return newId[v];
  };
  const consumed = new Uint8Array(input.from.length);
  const walk = (start: number, first: number) => {
    // collect the chain start → … → end as (piece, reversed) steps
    const steps: number[] = [];
    const nodes: number[] = [start];
    let v = start;
    let p = first;
    for (;;) {
      consumed[p] = 1;
      steps.push(p);
      const w = otherEnd(p, v);
      nodes.push(w);
      if (!through[w] || w === start) break;
      const i = firstIncident[w];
      p = incident[i] === p ? incident[i + 1] : incident[i];
      v = w;
      if (consumed[p]) break;
    }
    // a chain that closes on itself is cut in its middle so that no piece is a loop
    const cut = nodes[nodes.length - 1] === start && steps.length >= 2 ? steps.length >> 1 : -1;
    if (cut > 0) {
      through[nodes[cut]] = 0;
      compressedNodeCount--;
    }
    let from = 0;
    for (let s = 1; s <= steps.length; s++) {
      if (s < steps.length && s !== cut) continue;
      emitMerged(input, out, steps.slice(from, s), nodes.slice(from, s + 1), nodeId);
      from = s;
    }
  };
  for (let p = 0; p < input.from.length; p++) {
    if (!keepPiece[p] || consumed[p]) continue;
    if (!through[input.from[p]]) walk(input.from[p], p);
    else if (!through[input.to[p]]) walk(input.to[p], p);
  }
  // what is left are rings made only of through nodes: open each at one of its nodes
  for (let p = 0; p < input.from.length; p++) {
    if (!keepPiece[p] || consumed[p]) continue;
    through[input.from[p]] = 0;
    compressedNodeCount--;
    walk(input.from[p], p);
  }
  return { pieces: out, compressedNodeCount };
}

function swapDirections(directions: number): number {
  return ((directions & ALONG) ? AGAINST : 0) | ((directions & AGAINST) ? ALONG : 0);
}

function emitMerged(
  input: RawPieces, out: RawPieces, steps: number[], nodes: number[], nodeId: (v: number) => number,
): void {
  const first = steps[0];
  out.from.push(nodeId(nodes[0]));
  out.to.push(nodeId(nodes[nodes.length - 1]));
  out.coordStart.push(out.coords.length / 2);
  let lengthM = 0;
  for (let s = 0; s < steps.length; s++) {
    const p = steps[s];
    const reversed = input.from[p] !== nodes[s];
    const a = input.coordStart[p];
    const b = input.coordEnd[p];
    for (let i = 0; i < b - a; i++) {
      if (s > 0 && i === 0) continue; // shared with the previous piece's last point
      const j = reversed ? b - 1 - i : a + i;
      out.coords.push(input.coords[2 * j], input.coords[2 * j + 1]);
    }
    lengthM += input.lengthM[p];
  }
  out.coordEnd.push(out.coords.length / 2);
  out.lengthM.push(lengthM);
  out.speedKmh.push(input.speedKmh[first]);
  out.classIndex.push(input.classIndex[first]);
  const firstReversed = input.from[first] !== nodes[0];
  out.directions.push(firstReversed ? swapDirections(input.directions[first]) : input.directions[first]);
}
