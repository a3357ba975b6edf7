type Rgba = [number, number, number, number];

/**
 * Store point colours (map and legend): own blue, competitors orange, candidates green, off the network hollow grey;
 * a store moved in the what-if: its old place hollow grey (dashed look: thin grey ring), a grey line to the new place.
 */
export const STORE_COLORS: Record<'own' | 'competitor' | 'candidate' | 'movedFrom' | 'offNetwork', { fill: Rgba; line: Rgba }> = {
  own: { fill: [29, 78, 216, 235], line: [15, 23, 42, 255] },
  competitor: { fill: [234, 88, 12, 235], line: [15, 23, 42, 255] },
  candidate: { fill: [22, 163, 74, 245], line: [15, 23, 42, 255] },
  movedFrom: { fill: [255, 255, 255, 60], line: [100, 116, 139, 255] },
  offNetwork: { fill: [255, 255, 255, 120], line: [120, 120, 120, 220] },
};

/** The line from a moved store's old place to its new one. */
export const MOVE_LINE: Rgba = [71, 85, 105, 230];

export const css = ([r, g, b, a]: Rgba) => `rgba(${r}, ${g}, ${b}, ${a / 255})`;
