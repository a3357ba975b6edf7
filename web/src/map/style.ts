import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';
import { tileUrl } from '../api/client';

export const COLORS = {
  sea: '#d7e6ef',
  land: '#f3f1ec',
  noData: '#e4e1da',
  communeLine: 'rgba(255,255,255,0.75)',
  departementLine: '#6f6a60',
  regionLine: '#3d3a35',
  selected: '#e4572e',
};

const vector = (layer: string) => ({ type: 'vector' as const, tiles: [tileUrl(layer)], minzoom: 0, maxzoom: 14, attribution: '' });

/** Choropleth colour from feature-state (set per commune code by MapView, see map/choropleth.ts). */
const CHOROPLETH_FILL: ExpressionSpecification = ['coalesce', ['feature-state', 'color'], COLORS.noData];

/**
 * The basemap is drawn from our own tiles only (no glyphs, no sprites, no remote source): sea background,
 * land from régions, the commune choropleth, boundaries. Labels are drawn by deck.gl (local canvas fonts).
 */
export function buildStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { regions: vector('regions'), departements: vector('departements'), communes: { ...vector('communes'), promoteId: 'code' } },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': COLORS.sea } },
      { id: 'land', type: 'fill', source: 'regions', 'source-layer': 'regions', paint: { 'fill-color': COLORS.land } },
      ...ourLayers(),
    ],
  };
}

/** Our thematic layers, also added on top of a user-configured online basemap. */
export function ourLayers(): StyleSpecification['layers'] {
  return [
    { id: 'communes-fill', type: 'fill', source: 'communes', 'source-layer': 'communes', paint: { 'fill-color': CHOROPLETH_FILL, 'fill-opacity': 0.88 } },
    {
      id: 'communes-line', type: 'line', source: 'communes', 'source-layer': 'communes', minzoom: 7,
      paint: { 'line-color': COLORS.communeLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.2, 10, 0.6, 14, 1.2] },
    },
    {
      id: 'departements-line', type: 'line', source: 'departements', 'source-layer': 'departements',
      paint: { 'line-color': COLORS.departementLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 8, 1, 12, 1.8] },
    },
    {
      id: 'regions-line', type: 'line', source: 'regions', 'source-layer': 'regions',
      paint: { 'line-color': COLORS.regionLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.9, 8, 1.8, 12, 2.6] },
    },
    {
      id: 'commune-selected', type: 'line', source: 'communes', 'source-layer': 'communes', filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': COLORS.selected, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2, 12, 4] },
    },
  ];
}

export const REGION_VIEWS: { id: string; label: string; bounds: [number, number, number, number] }[] = [
  { id: 'metro', label: 'Métropole', bounds: [-5.3, 41.3, 9.7, 51.15] },
  { id: '971', label: 'Guadeloupe', bounds: [-61.85, 15.82, -60.95, 16.55] },
  { id: '972', label: 'Martinique', bounds: [-61.25, 14.38, -60.8, 14.9] },
  { id: '973', label: 'Guyane', bounds: [-54.65, 2.1, -51.6, 5.8] },
  { id: '974', label: 'La Réunion', bounds: [55.2, -21.42, 55.86, -20.86] },
  { id: '976', label: 'Mayotte', bounds: [44.98, -13.03, 45.32, -12.62] },
];
