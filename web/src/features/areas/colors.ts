type Rgba = [number, number, number, number];

/** Store point colours (map and legend): own blue, competitors orange, candidates green, off the network hollow grey. */
export const STORE_COLORS: Record<'own' | 'competitor' | 'candidate' | 'offNetwork', { fill: Rgba; line: Rgba }> = {
  own: { fill: [29, 78, 216, 235], line: [15, 23, 42, 255] },
  competitor: { fill: [234, 88, 12, 235], line: [15, 23, 42, 255] },
  candidate: { fill: [22, 163, 74, 245], line: [15, 23, 42, 255] },
  offNetwork: { fill: [255, 255, 255, 120], line: [120, 120, 120, 220] },
};

export const css = ([r, g, b, a]: Rgba) => `rgba(${r}, ${g}, ${b}, ${a / 255})`;
