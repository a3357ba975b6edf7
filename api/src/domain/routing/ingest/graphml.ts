import { carSpeedKmh, carWayProfile } from './osm-profile.js';
import type { RoadWay } from './road-way.js';

/**
 * OSMnx GraphML drive graph (text) → RoadWay[] (pure). OSMnx graphs are directed: a two-way street
 * is two edges, so every edge becomes a one-way RoadWay from source to target. Interior geometry
 * points get keys of their own (negative, never shared), so ways join only at OSMnx nodes.
 * Speeds follow the OSM car profile (osm-profile.ts) from `highway` and `maxspeed` (first value of
 * a list); context: an edge shorter than 400 m between junctions is urban.
 */
export function parseGraphml(xml: string): { ways: RoadWay[]; skippedEdgeCount: number } {
  const keyName = new Map<string, string>();
  for (const m of xml.matchAll(/<key\s+([^>]*?)\/?>/g)) {
    const id = /\bid="([^"]*)"/.exec(m[1])?.[1];
    const name = /\battr\.name="([^"]*)"/.exec(m[1])?.[1];
    if (id && name) keyName.set(id, name);
  }
  const dataOf = (body: string) => {
    const data: Record<string, string> = {};
    for (const d of body.matchAll(/<data key="([^"]*)">([^<]*)<\/data>/g)) data[keyName.get(d[1]) ?? d[1]] = unescapeXml(d[2]);
    return data;
  };
  const nodes = new Map<string, [number, number]>();
  for (const m of xml.matchAll(/<node id="([^"]*)"\s*>([\s\S]*?)<\/node>/g)) {
    const data = dataOf(m[2]);
    nodes.set(m[1], [Number(data.x), Number(data.y)]);
  }
  const ways: RoadWay[] = [];
  let shapeKey = -1;
  let skippedEdgeCount = 0;
  for (const m of xml.matchAll(/<edge\s+([^>]*)>([\s\S]*?)<\/edge>/g)) {
    const source = /\bsource="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const target = /\btarget="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const a = nodes.get(source);
    const b = nodes.get(target);
    const data = dataOf(m[2]);
    const tags: Record<string, string> = { highway: firstOfList(data.highway) };
    if (data.maxspeed) tags.maxspeed = firstOfList(data.maxspeed);
    if (data.access) tags.access = firstOfList(data.access);
    const profile = carWayProfile(tags);
    if (!a || !b || !profile || !Number.isFinite(Number(source)) || !Number.isFinite(Number(target))) {
      skippedEdgeCount++;
      continue;
    }
    const coords = data.geometry ? parseLineString(data.geometry) : [...a, ...b];
    const vertexKeys = [Number(source)];
    for (let i = 1; i < coords.length / 2 - 1; i++) vertexKeys.push(shapeKey--);
    vertexKeys.push(Number(target));
    coords.splice(0, 2, ...a);
    coords.splice(coords.length - 2, 2, ...b);
    const lengthM = Number(data.length) || 0;
    ways.push({
      vertexKeys, coords, roadClass: profile.roadClass, oneway: 1, speedKmh: carSpeedKmh(profile, lengthM < 400, lengthM),
      ...(profile.isRamp ? { isRamp: true } : {}), ...(data.name ? { name: firstOfList(data.name) } : {}),
    });
  }
  return { ways, skippedEdgeCount };
}

/** OSMnx writes lists as Python reprs: "['residential', 'tertiary']" → "residential". */
function firstOfList(value: string | undefined): string {
  if (!value) return '';
  const m = /^\[\s*'([^']*)'/.exec(value.trim());
  return m ? m[1] : value.trim();
}

function parseLineString(wkt: string): number[] {
  const body = /LINESTRING\s*\(([^)]*)\)/i.exec(wkt)?.[1] ?? '';
  return body.split(',').flatMap((pair) => pair.trim().split(/\s+/).map(Number));
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
