import { buildChoropleth } from '../../map/choropleth';
import { classLabels } from '../../lib/classify';
import { exportMapPng, type PngLegend } from '../../lib/export-png';
import { M } from '../../lib/messages/zones';
import { handleError } from '../../state/actions';
import { workspace } from '../../state/workspace';
import { saveBlob, zonesApi } from './api';
import { rgb, shownZones } from './colors';
import { zonesStore } from './slice';

/** The legend drawn on the PNG: the choropleth shown (same classes as the on-screen legend) and the zones. */
function legendsNow(): PngLegend[] {
  const { values, indicators, method } = workspace.get();
  const legends: PngLegend[] = [];
  const indicator = indicators.find((i) => i.id === values?.indicatorId);
  if (values && indicator) {
    const c = buildChoropleth(values.codes, values.values, method, 7, values.indicatorId.includes('change'));
    const labels = classLabels(c.breaks, c.min, c.integer, indicator.unit);
    legends.push({ title: indicator.label, subtitle: `${indicator.unit} · ${indicator.source}`, items: c.breaks.map((_, i) => ({ color: c.colors[i], label: labels[i] })) });
  }
  const zones = shownZones(zonesStore.get());
  if (zones.length) legends.push({ title: M.png.legendZones, items: zones.map((z) => ({ color: rgb(z.color), label: z.name, outline: true })) });
  return legends;
}

const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'carte';

/** Exports the current map as a PNG (client-side) and records it in the export log. */
export async function exportPng() {
  const s = zonesStore.get();
  const zones = shownZones(s);
  const title = zones.length ? zones.map((z) => z.name).join(' · ') : 'Carte';
  try {
    const png = await exportMapPng({ title, legends: legendsNow(), attribution: workspace.get().config?.attribution ?? [] });
    saveBlob(png.blob, `carte-${slug(title)}-${new Date().toISOString().slice(0, 10)}.png`);
    const versions = zones.map((z) => ({ id: z.id, version: s.comparison?.zones.find((c) => c.id === z.id)?.version ?? s.detail?.version ?? null }));
    await zonesApi.logExport(zones.map((z) => z.id).join(',') || 'map', {
      zones: versions, indicatorId: workspace.get().values?.indicatorId ?? null, method: workspace.get().method,
      center: png.center, zoom: png.zoom, bounds: png.bounds, widthPx: png.widthPx, heightPx: png.heightPx, bytes: png.blob.size,
    });
  } catch (e) {
    handleError(e);
  }
}
