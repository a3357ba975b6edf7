/**
 * Cuts the committed tile fixture test/fixtures/roads/tiles-rennes.json.gz from the real Rennes sample
 * (../shared/data/roads/osm-tiles-rennes, OSM 2021-08, ODbL): a 6×6 block of z14 tiles around the city
 * centre, each reduced to its `transportation` layer (original bytes of that layer, nothing re-encoded).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { PbfReader } from 'pbf';

const src = process.argv[2] ?? join(process.cwd(), '../shared/data/roads/osm-tiles-rennes/14');
const out = 'test/fixtures/roads/tiles-rennes.json.gz';

/** Keeps the top-level `layers` entries (field 3) whose name (field 1) is `transportation`. */
export function onlyTransportation(bytes: Uint8Array): Uint8Array {
  const pbf = new PbfReader(bytes);
  const kept: Uint8Array[] = [];
  while (pbf.pos < pbf.length) {
    const start = pbf.pos;
    const tag = pbf.readVarint();
    if (tag >> 3 === 3 && (tag & 7) === 2) {
      const len = pbf.readVarint();
      const body = bytes.subarray(pbf.pos, pbf.pos + len);
      pbf.pos += len;
      const layer = new PbfReader(body);
      let name = '';
      while (layer.pos < layer.length) {
        const t = layer.readVarint();
        if (t >> 3 === 1) {
          name = layer.readString();
          break;
        }
        layer.skip(t);
      }
      if (name === 'transportation') kept.push(bytes.subarray(start, pbf.pos));
    } else {
      pbf.skip(tag);
    }
  }
  return Buffer.concat(kept);
}

const tiles: Record<string, string> = {};
for (let x = 8113; x <= 8118; x++) for (let y = 5684; y <= 5689; y++) tiles[`${x}/${y}`] = Buffer.from(onlyTransportation(readFileSync(join(src, String(x), `${y}.pbf`)))).toString('base64');
const bytes = gzipSync(JSON.stringify({ source: 'tokenless-tiles/bretagne gh-pages tiles/14 (OSM 2021-08, ODbL), transportation layer only', zoom: 14, tiles }), { level: 9 });
writeFileSync(out, bytes);
console.log(`wrote ${out}: ${Object.keys(tiles).length} tiles, ${(bytes.length / 1024).toFixed(0)} KB`);
