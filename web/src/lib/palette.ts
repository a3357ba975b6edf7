/** Colours shared by panels and map layers (kept here so panels don't import deck.gl). */
export type Rgb = [number, number, number];

export const BAND_COLORS: Rgb[] = [
  [26, 152, 80],
  [145, 207, 96],
  [254, 224, 139],
  [252, 141, 89],
  [215, 48, 39],
  [140, 20, 60],
];

/** Hospital sites: FINESS category → colour. */
export const HEALTH_CATEGORY_COLORS: [string, Rgb][] = [
  ['Centre Hospitalier Régional (C.H.R.)', [128, 0, 90]],
  ['Centre Hospitalier (C.H.)', [31, 120, 180]],
  ['Centre hospitalier, ex Hôpital local', [120, 170, 210]],
  ['Centre de Lutte Contre Cancer', [227, 26, 28]],
  ['Etablissement de Soins Pluridisciplinaire', [51, 160, 44]],
  ['Etablissement de Soins Chirurgicaux', [255, 127, 0]],
  ['Etablissement de Soins Médicaux', [177, 89, 40]],
];
export const HEALTH_OTHER_COLOR: Rgb = [150, 150, 150];

/**
 * Customer points (one colour per value of the field they are coloured by). Chosen to stay apart from the
 * commune choropleth ramps (yellow–green–blue, red–blue) and from the hospital categories: every colour is
 * at least ΔE 44 (CIE76) from all of those and ΔE 33 from each other (test/web/palette.test.ts checks it).
 * Points also get a dark outline and a white halo, so they read on any fill.
 */
export const POINT_PALETTE: Rgb[] = [
  [51, 0, 255], // outremer
  [255, 17, 221], // fuchsia
  [255, 221, 0], // jaune d'or
  [34, 34, 34], // noir
  [102, 238, 0], // vert acide
  [170, 153, 0], // olive
  [255, 170, 255], // rose
  [0, 85, 42], // vert sapin
];
/** Points beyond the palette's length (more values than colours): one neutral colour, said "autres" in the legend. */
export const POINT_OTHER_COLOR: Rgb = [120, 120, 120];
export const POINT_OUTLINE: Rgb = [20, 20, 20];
export const POINT_HALO: Rgb = [255, 255, 255];

/** PMSI code géo outlines: dark violet over a white casing, unlike the thin white commune borders. */
export const PMSI_OUTLINE: Rgb = [90, 20, 110];
/** A drawn polygon: blue line over a white halo, readable on dark and light fills alike. */
export const DRAWN_OUTLINE: Rgb = [31, 95, 139];

export const rgbCss = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

export function hexToRgb(hex: string): Rgb {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

/** CIE76 colour difference in L*a*b* (D65): > ~25 reads as clearly different colours. */
export function deltaE76(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

function toLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map((u) => {
    const v = u / 255;
    return v > 0.04045 ? ((v + 0.055) / 1.055) ** 2.4 : v / 12.92;
  });
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
