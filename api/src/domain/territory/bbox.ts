/** [minLon, minLat, maxLon, maxLat] in WGS84. */
export type Bbox = [number, number, number, number];

/** Parses "minLon,minLat,maxLon,maxLat"; returns an error message naming the problem, or the bbox. */
export function parseBbox(text: string): Bbox | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4) return `bbox : 4 nombres séparés par des virgules sont attendus (ouest,sud,est,nord en degrés WGS84) ; reçu ${parts.length}`;
  const nums = parts.map(Number);
  if (nums.some((n, i) => parts[i] === '' || !Number.isFinite(n))) return `bbox : « ${text} » ne contient pas que des nombres (ouest,sud,est,nord en degrés WGS84)`;
  const [minLon, minLat, maxLon, maxLat] = nums;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return 'bbox : hors des bornes WGS84 (lon −180…180, lat −90…90) : coordonnées en Lambert-93, ou inversées ?';
  if (minLon >= maxLon || minLat >= maxLat) return 'bbox : l’ouest doit être inférieur à l’est et le sud au nord (ouest,sud,est,nord)';
  return [minLon, minLat, maxLon, maxLat];
}

/** Web Mercator tile bounds in WGS84. */
export function tileBbox(z: number, x: number, y: number): Bbox {
  const n = 2 ** z;
  const lon = (xx: number) => (xx / n) * 360 - 180;
  const lat = (yy: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yy) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}
