import type { Map as MapLibreMap } from 'maplibre-gl';
import { withMap } from '../map/handle';
import { M } from './messages/zones';

/** One block of the legend drawn on the image: coloured swatches (filled classes or zone outlines). */
export interface PngLegend {
  title: string;
  subtitle?: string;
  items: { color: string; label: string; outline?: boolean }[];
}

export interface MapPng {
  blob: Blob;
  widthPx: number;
  heightPx: number;
  center: [number, number];
  zoom: number;
  bounds: [number, number, number, number];
}

/**
 * The current map as a PNG: the map canvas (MapLibre + deck.gl interleaved in one WebGL canvas), then a title,
 * the legend, a scale bar and the attribution drawn on top, client-side. The map is not created with
 * `preserveDrawingBuffer` (it costs every frame), so the canvas is copied inside a `render` event, while the
 * frame just drawn is still in the drawing buffer.
 */
export function exportMapPng(opts: { title: string; legends: PngLegend[]; attribution: string[] }): Promise<MapPng> {
  return new Promise((resolve, reject) => withMap((map) => void composite(map, opts).then(resolve, reject)));
}

async function composite(map: MapLibreMap, opts: { title: string; legends: PngLegend[]; attribution: string[] }): Promise<MapPng> {
  const source = await captureCanvas(map);
  const ratio = source.width / map.getContainer().clientWidth || 1;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(source, 0, 0);
  ctx.scale(ratio, ratio); // from here on, CSS pixels
  const w = canvas.width / ratio;
  const h = canvas.height / ratio;
  ctx.textBaseline = 'top';
  drawTitle(ctx, opts.title);
  drawLegends(ctx, opts.legends, h);
  drawScale(ctx, map, h);
  drawAttribution(ctx, [...opts.attribution, ...styleAttribution(map)], w, h);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob) throw new Error(M.png.failed);
  const b = map.getBounds();
  const c = map.getCenter();
  return { blob, widthPx: canvas.width, heightPx: canvas.height, center: [c.lng, c.lat], zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
}

function captureCanvas(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(M.png.failed)), 15_000);
    map.once('render', () => {
      clearTimeout(timer);
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

const FONT = 'system-ui, "Segoe UI", Roboto, Arial, sans-serif';
const INK = '#23211d';

function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
  ctx.fillStyle = 'rgba(255,255,255,0.93)';
  ctx.strokeStyle = '#d6d1c7';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 6);
  ctx.fill();
  ctx.stroke();
}

function drawTitle(ctx: CanvasRenderingContext2D, title: string) {
  ctx.font = `600 15px ${FONT}`;
  const made = M.png.made(new Date());
  const width = Math.max(ctx.measureText(title).width, (ctx.font = `11px ${FONT}`, ctx.measureText(made).width)) + 20;
  box(ctx, 10, 10, width, 42);
  ctx.fillStyle = INK;
  ctx.font = `600 15px ${FONT}`;
  ctx.fillText(title, 20, 16);
  ctx.fillStyle = '#6d6860';
  ctx.font = `11px ${FONT}`;
  ctx.fillText(made, 20, 35);
}

function drawLegends(ctx: CanvasRenderingContext2D, legends: PngLegend[], h: number) {
  const rows = legends.reduce((n, l) => n + l.items.length + (l.subtitle ? 2 : 1), 0);
  if (!rows) return;
  const lineH = 17;
  ctx.font = `12px ${FONT}`;
  const texts = legends.flatMap((l) => [l.title, l.subtitle ?? '', ...l.items.map((i) => i.label)]);
  const width = Math.min(320, Math.max(...texts.map((t) => ctx.measureText(t).width)) + 46);
  const height = Math.min(h - 130, rows * lineH + legends.length * 6 + 12);
  let y = 62;
  box(ctx, 10, y, width, height);
  y += 8;
  for (const l of legends) {
    ctx.fillStyle = INK;
    ctx.font = `600 12px ${FONT}`;
    ctx.fillText(l.title, 20, y, width - 20);
    y += lineH;
    if (l.subtitle) {
      ctx.fillStyle = '#6d6860';
      ctx.font = `11px ${FONT}`;
      ctx.fillText(l.subtitle, 20, y, width - 20);
      y += lineH;
    }
    ctx.font = `12px ${FONT}`;
    for (const item of l.items) {
      if (y > 62 + height - lineH) break;
      if (item.outline) {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 4;
        ctx.strokeRect(20, y + 1, 18, 11);
        ctx.strokeStyle = item.color;
        ctx.lineWidth = 2;
        ctx.strokeRect(20, y + 1, 18, 11);
      } else {
        ctx.fillStyle = item.color;
        ctx.fillRect(20, y + 1, 18, 11);
      }
      ctx.fillStyle = INK;
      ctx.fillText(item.label, 46, y, width - 50);
      y += lineH;
    }
    y += 6;
  }
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) at most 120 px long, measured at the bottom of the map. */
function drawScale(ctx: CanvasRenderingContext2D, map: MapLibreMap, h: number) {
  const y = h - 46;
  const metresPer100Px = map.unproject([20, y]).distanceTo(map.unproject([120, y]));
  if (!(metresPer100Px > 0)) return;
  const max = (metresPer100Px * 120) / 100;
  const pow = 10 ** Math.floor(Math.log10(max));
  const nice = [5, 2, 1].map((k) => k * pow).find((d) => d <= max)!;
  const px = (nice / metresPer100Px) * 100;
  const label = nice >= 1000 ? `${(nice / 1000).toLocaleString('fr-FR')} km` : `${nice.toLocaleString('fr-FR')} m`;
  box(ctx, 10, y - 8, px + 20, 30);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(20, y + 2);
  ctx.lineTo(20, y + 8);
  ctx.lineTo(20 + px, y + 8);
  ctx.lineTo(20 + px, y + 2);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = `11px ${FONT}`;
  ctx.fillText(label, 24, y - 4);
}

function drawAttribution(ctx: CanvasRenderingContext2D, lines: string[], w: number, h: number) {
  const text = [...new Set(lines.map(stripHtml).filter(Boolean))].join(' · ');
  if (!text) return;
  ctx.font = `10px ${FONT}`;
  const maxW = w - 20;
  const words = `${M.png.attribution} : ${text}`.split(' ');
  const out: string[] = [];
  for (const word of words) {
    const last = out.at(-1);
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= maxW - 12) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  const width = Math.min(maxW, Math.max(...out.map((l) => ctx.measureText(l).width)) + 12);
  const height = out.length * 13 + 6;
  box(ctx, w - 10 - width, h - 8 - height, width, height);
  ctx.fillStyle = '#3a3731';
  out.forEach((line, i) => ctx.fillText(line, w - 10 - width + 6, h - 8 - height + 4 + i * 13));
}

function styleAttribution(map: MapLibreMap): string[] {
  const sources = map.getStyle()?.sources ?? {};
  return Object.values(sources).map((s) => ('attribution' in s && typeof s.attribution === 'string' ? s.attribution : '')).filter(Boolean);
}

const stripHtml = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&copy;/g, '©').replace(/&amp;/g, '&').trim();
