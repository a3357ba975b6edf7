/**
 * Reads z14 tiles of OpenMapTiles pyramids — git repositories (tokenless-tiles/<région>, branch gh-pages,
 * tiles/14/x/y.pbf) or plain directories (14/x/y.pbf) — and turns them into RoadWay[] with
 * roadWaysFromTile. Copies of one tile in several pyramids (région borders) are merged.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { roadWaysFromTile, type TileImportOptions } from '../api/src/domain/routing/ingest/tiles-import.js';
import { stitchTileEdges } from '../api/src/domain/routing/ingest/tiles-stitch.js';
import type { RoadWay } from '../api/src/domain/routing/ingest/road-way.js';

interface TileRef { source: number; id: string }

function listGitTiles(gitDir: string): Map<string, string> {
  const out = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', 'gh-pages', 'tiles/14'], { maxBuffer: 1 << 28 }).toString();
  const tiles = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^\d+ blob ([0-9a-f]+)\ttiles\/14\/(\d+)\/(\d+)\.pbf$/.exec(line);
    if (m) tiles.set(`${m[2]}/${m[3]}`, m[1]);
  }
  return tiles;
}

function listDirTiles(dir: string): Map<string, string> {
  const base = existsSync(join(dir, '14')) ? join(dir, '14') : dir;
  const tiles = new Map<string, string>();
  for (const x of readdirSync(base)) for (const f of readdirSync(join(base, x))) if (f.endsWith('.pbf')) tiles.set(`${x}/${f.slice(0, -4)}`, join(base, x, f));
  return tiles;
}

/** Streams blobs of a git repository through one `git cat-file --batch`. */
async function* gitBlobs(gitDir: string, ids: string[]): AsyncGenerator<[string, Uint8Array]> {
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(ids.join('\n') + '\n');
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of child.stdout) {
    buf = buf.length ? Buffer.concat([buf, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      const nl = buf.indexOf(10);
      if (nl < 0) break;
      const [id, , sizeText] = buf.subarray(0, nl).toString().split(' ');
      const size = Number(sizeText);
      if (buf.length < nl + 1 + size + 1) break;
      yield [id, new Uint8Array(buf.subarray(nl + 1, nl + 1 + size))];
      buf = buf.subarray(nl + 1 + size + 1);
    }
  }
}

export interface ReadReport {
  sources: { path: string; tiles: number }[];
  tiles: number;
  sharedTiles: number;
  ways: number;
  vertices: number;
  /** Way ends moved onto a neighbouring tile's border point (0 for pyramids of whole segments). */
  stitchedEnds: number;
}

/** Reads every source; calls onProgress(doneTiles, totalTiles). */
export async function readTilePyramids(paths: string[], options: TileImportOptions, onProgress: (done: number, total: number) => void): Promise<{ ways: RoadWay[]; report: ReadReport }> {
  const isGit = paths.map((p) => existsSync(join(p, 'HEAD')) && existsSync(join(p, 'objects')));
  const listings = paths.map((p, i) => (isGit[i] ? listGitTiles(p) : listDirTiles(p)));
  const copies = new Map<string, TileRef[]>();
  listings.forEach((tiles, source) => tiles.forEach((id, xy) => copies.set(xy, [...(copies.get(xy) ?? []), { source, id }])));
  const total = copies.size;
  const pending = new Map<string, Uint8Array[]>();
  const ways: RoadWay[] = [];
  let done = 0;
  let vertices = 0;
  const emit = (xy: string, bytes: Uint8Array[]) => {
    const [x, y] = xy.split('/').map(Number);
    for (const w of roadWaysFromTile(bytes, x, y, options)) {
      ways.push(w);
      vertices += w.vertexKeys.length;
    }
    if (++done % 2000 === 0) onProgress(done, total);
  };
  for (let source = 0; source < paths.length; source++) {
    const byId = new Map<string, string[]>();
    for (const [xy, id] of listings[source]) byId.set(id, [...(byId.get(id) ?? []), xy]);
    const accept = (xy: string, bytes: Uint8Array) => {
      const needed = copies.get(xy)!.length;
      if (needed === 1) return emit(xy, [bytes]);
      const got = [...(pending.get(xy) ?? []), bytes];
      if (got.length === needed) {
        pending.delete(xy);
        emit(xy, got);
      } else pending.set(xy, got);
    };
    if (isGit[source]) {
      for await (const [id, bytes] of gitBlobs(paths[source], [...byId.keys()])) for (const xy of byId.get(id) ?? []) accept(xy, bytes);
    } else {
      for (const [xy, file] of listings[source]) accept(xy, new Uint8Array(readFileSync(file)));
    }
  }
  onProgress(done, total);
  const stitchedEnds = stitchTileEdges(ways);
  return {
    ways,
    report: {
      sources: paths.map((p, i) => ({ path: p, tiles: listings[i].size })),
      tiles: total,
      sharedTiles: [...copies.values()].filter((c) => c.length > 1).length,
      ways: ways.length,
      vertices,
      stitchedEnds,
    },
  };
}
