import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { toolStore, type LonLat } from './tools';

// Apart from tools.ts so that the panels (main chunk) can use the tool without pulling deck.gl in (map chunk).
/** deck.gl layers of the polygon being drawn (a dark line on a white halo: visible on every background). */
export function toolLayers() {
  const { active, vertices, hover } = toolStore.get();
  if (active?.id !== 'draw-polygon' || vertices.length === 0) return [];
  const path = hover ? [...vertices, hover] : vertices;
  return [
    new PathLayer<LonLat[]>({ id: 'tool-draw-halo', data: [path], getPath: (p) => p, getColor: [255, 255, 255, 230], getWidth: 5, widthUnits: 'pixels' }),
    new PathLayer<LonLat[]>({ id: 'tool-draw-line', data: [path], getPath: (p) => p, getColor: [20, 40, 60, 255], getWidth: 2, widthUnits: 'pixels' }),
    new ScatterplotLayer<LonLat>({
      id: 'tool-draw-vertices', data: vertices, getPosition: (p) => p, getRadius: 4.5, radiusUnits: 'pixels',
      getFillColor: [228, 87, 46, 255], stroked: true, getLineColor: [255, 255, 255, 255], lineWidthUnits: 'pixels', getLineWidth: 1.5,
    }),
  ];
}

