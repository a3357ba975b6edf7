/**
 * Strongly connected components of a directed graph in CSR form (iterative Tarjan, no recursion,
 * so millions of nodes do not overflow the stack). Returns the component id of each node.
 */
export function stronglyConnectedComponents(
  nodeCount: number,
  firstOut: ArrayLike<number>,
  target: ArrayLike<number>,
): { componentOf: Int32Array; componentCount: number } {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const componentOf = new Int32Array(nodeCount).fill(-1);
  const onStack = new Uint8Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  const callNode = new Int32Array(nodeCount);
  const callEdge = new Int32Array(nodeCount);
  let stackSize = 0;
  let nextIndex = 0;
  let componentCount = 0;

  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = firstOut[root];
    index[root] = low[root] = nextIndex++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < firstOut[v + 1]) {
        callEdge[depth] = e + 1;
        const w = target[e];
        if (index[w] === -1) {
          index[w] = low[w] = nextIndex++;
          stack[stackSize++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = firstOut[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          componentOf[w] = componentCount;
        } while (w !== v);
        componentCount++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return { componentOf, componentCount };
}
