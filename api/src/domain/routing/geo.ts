/** Small spherical helpers for road geometry (the distance itself is domain/common/geo.ts). */
import { EARTH_RADIUS_M, haversineM } from '../common/geo.js';

const RAD = Math.PI / 180;

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
