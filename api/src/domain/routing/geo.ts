/** Small spherical helpers (WGS84 treated as a sphere of radius 6,371,008.8 m: < 0.5 % error, enough for road lengths). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two [lon, lat] points, metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length of an interleaved lon,lat polyline (from coordinate index `from` to `to` inclusive, in points), metres. */
export function polylineLengthM(coords: ArrayLike<number>, from = 0, to = coords.length / 2 - 1): number {
  let lengthM = 0;
  for (let i = from; i < to; i++) {
    lengthM += haversineM(coords[2 * i], coords[2 * i + 1], coords[2 * i + 2], coords[2 * i + 3]);
  }
  return lengthM;
}

/** Metres per degree of longitude and latitude around a latitude (local equirectangular projection). */
export function metresPerDegree(lat: number): { mPerDegLon: number; mPerDegLat: number } {
  const mPerDegLat = EARTH_RADIUS_M * RAD;
  return { mPerDegLon: mPerDegLat * Math.cos(lat * RAD), mPerDegLat };
}
