import type { RoadWay } from './road-way.js';
import { TILE_EXTENT, gridToLonLat } from './tiles-import.js';

const KEY_FACTOR = 2 ** 27;

interface BorderEnd {
  way: number;
  /** 0: first vertex, 1: last vertex. */
  end: 0 | 1;
  /** Position along the border line, grid units. */
  pos: number;
  /** −1: the way lies before the line (left or above), +1: after it. */
  side: -1 | 1;
}

/**
 * Joins roads cut at tile borders when the two tiles disagree on the border point by a few grid units.
 *
 * clipToTile cuts every segment at the tile border. When a pyramid carries whole segments past the edge
 * (tilemaker, e.g. tokenless-tiles), both tiles compute the same border point and nothing is left to do.
 * When a builder cut the segments at a buffer first, each tile cuts a slightly different (rounded) copy of
 * the segment, so the two border points can differ by a unit or two. Here every way end lying on a border
 * line that has no exact partner on the other side is paired with the nearest unpaired end of the same road
 * class and direction rule on the other side, within `toleranceUnits` (2 units ≈ 0.8 m at 48° N), and moved
 * onto it. Ends with an exact partner are never moved, so crossings (bridges) near a border are not joined.
 * Mutates the ways' end vertices; returns how many ends were moved.
 */
export function stitchTileEdges(ways: RoadWay[], toleranceUnits = 2): number {
  const lines = new Map<string, BorderEnd[]>();
  const add = (line: string, entry: BorderEnd) => {
    const list = lines.get(line);
    if (list) list.push(entry);
    else lines.set(line, [entry]);
  };
  ways.forEach((w, way) => {
    const n = w.vertexKeys.length;
    if (n < 2) return;
    for (const end of [0, 1] as const) {
      const [gx, gy] = split(w.vertexKeys[end === 0 ? 0 : n - 1]);
      const [nx, ny] = split(w.vertexKeys[end === 0 ? 1 : n - 2]);
      if (gx % TILE_EXTENT === 0 && nx !== gx) add(`x${gx}`, { way, end, pos: gy, side: nx < gx ? -1 : 1 });
      if (gy % TILE_EXTENT === 0 && ny !== gy) add(`y${gy}`, { way, end, pos: gx, side: ny < gy ? -1 : 1 });
    }
  });
  let moved = 0;
  for (const [line, ends] of lines) {
    const sidesAt = new Map<number, number>();
    for (const e of ends) sidesAt.set(e.pos, (sidesAt.get(e.pos) ?? 0) | (e.side < 0 ? 1 : 2));
    const open = ends.filter((e) => sidesAt.get(e.pos) !== 3).sort((a, b) => a.pos - b.pos);
    const taken = new Set<BorderEnd>();
    let lo = 0;
    for (const e of open) {
      if (e.side > 0 || taken.has(e)) continue;
      while (open[lo].pos < e.pos - toleranceUnits) lo++;
      let best: BorderEnd | undefined;
      for (let j = lo; j < open.length && open[j].pos <= e.pos + toleranceUnits; j++) {
        const f = open[j];
        if (f.side < 0 || taken.has(f) || !sameRoad(ways[e.way], ways[f.way])) continue;
        if (!best || Math.abs(f.pos - e.pos) < Math.abs(best.pos - e.pos)) best = f;
      }
      if (!best) continue;
      taken.add(e).add(best);
      moveEnd(ways[best.way], best.end, line, e.pos);
      moved++;
    }
  }
  return moved;
}

function split(key: number): [number, number] {
  const gx = Math.floor(key / KEY_FACTOR);
  return [gx, key - gx * KEY_FACTOR];
}

function sameRoad(a: RoadWay, b: RoadWay): boolean {
  return a.roadClass === b.roadClass && (a.oneway === 0) === (b.oneway === 0) && Boolean(a.isRamp) === Boolean(b.isRamp);
}

function moveEnd(way: RoadWay, end: 0 | 1, line: string, pos: number) {
  const value = Number(line.slice(1));
  const [gx, gy] = line[0] === 'x' ? [value, pos] : [pos, value];
  const i = end === 0 ? 0 : way.vertexKeys.length - 1;
  way.vertexKeys[i] = gx * KEY_FACTOR + gy;
  const [lon, lat] = gridToLonLat(gx, gy);
  way.coords[2 * i] = lon;
  way.coords[2 * i + 1] = lat;
}
