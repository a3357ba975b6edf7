/** Colours shared by panels and map layers (kept here so panels don't import deck.gl). */
export const BAND_COLORS: [number, number, number][] = [
  [26, 152, 80],
  [145, 207, 96],
  [254, 224, 139],
  [252, 141, 89],
  [215, 48, 39],
  [140, 20, 60],
];
