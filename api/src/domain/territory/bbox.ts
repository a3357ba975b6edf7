/** [minLon, minLat, maxLon, maxLat] in WGS84. */
export type Bbox = [number, number, number, number];

/** Parses "minLon,minLat,maxLon,maxLat"; returns an error message naming the problem, or the bbox. */
export function parseBbox(text: string): Bbox | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4) return `bbox must have 4 comma-separated numbers minLon,minLat,maxLon,maxLat; got ${parts.length}`;
  const nums = parts.map(Number);
  if (nums.some((n, i) => parts[i] === '' || !Number.isFinite(n))) return `bbox values must be numbers; got "${text}"`;
  const [minLon, minLat, maxLon, maxLat] = nums;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return 'bbox is outside WGS84 bounds (lon −180…180, lat −90…90): are the coordinates in Lambert-93 or swapped?';
  if (minLon >= maxLon || minLat >= maxLat) return 'bbox must have minLon < maxLon and minLat < maxLat';
  return [minLon, minLat, maxLon, maxLat];
}

/** Web Mercator tile bounds in WGS84. */
export function tileBbox(z: number, x: number, y: number): Bbox {
  const n = 2 ** z;
  const lon = (xx: number) => (xx / n) * 360 - 180;
  const lat = (yy: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yy) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}
