/**
 * A contraction hierarchy over a RoadGraph, indexed by rank (rank 0 = contracted first), so that
 * PHAST sweeps memory linearly. Every edge, original or shortcut, is stored once:
 * - upward: from rank r to a higher rank (forward searches from a source climb these);
 * - downward: from a higher rank into rank r, stored at r (backward searches from a target climb these).
 * `middle` ≥ 0 is the rank of the node a shortcut bypasses; < 0 encodes the original graph edge -1 - middle.
 */
export interface ContractionHierarchy {
  nodeCount: number;
  rankOfNode: Uint32Array;
  nodeOfRank: Uint32Array;
  upFirst: Uint32Array;
  upTarget: Uint32Array;
  upDurationMs: Uint32Array;
  upDistanceM: Float32Array;
  upMiddle: Int32Array;
  downFirst: Uint32Array;
  downSource: Uint32Array;
  downDurationMs: Uint32Array;
  downDistanceM: Float32Array;
  downMiddle: Int32Array;
}

export interface ContractOptions {
  /** Nodes a witness search may settle while ordering (cheap estimate) and while contracting. */
  orderingSettleLimit?: number;
  contractionSettleLimit?: number;
  /** Re-evaluate the priority of each contracted node's neighbours at once (better order, slower) instead of only lazily. */
  reevaluateNeighbours?: boolean;
  /** Called every ~1 % of nodes with the share contracted (0–1). */
  onProgress?: (doneRatio: number) => void;
}
