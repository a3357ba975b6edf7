import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl, type ExpressionSpecification, type StyleSpecification } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import { buildStyle, ourLayers, REGION_VIEWS } from './style';

export interface ViewState {
  zoom: number;
  bounds: [number, number, number, number];
}

interface Props {
  fill: ExpressionSpecification | string;
  /** Choropleth opacity: lowered while an analysis (isochrone…) is drawn on top. */
  fillOpacity: number;
  selectedCode: string | null;
  deckLayers: Layer[];
  attribution: string[];
  basemapStyleUrl: string | null;
  cursor: string;
  onReady(map: MapLibreMap): void;
  onView(view: ViewState): void;
  onClick(lngLat: [number, number], communeCode: string | null): void;
}

/** MapLibre map hosting deck.gl (MapboxOverlay, interleaved). Layers are passed as values each render. */
export function MapView(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const [w, s, e, n] = REGION_VIEWS[0].bounds;
    const map = new MapLibreMap({
      container: container.current!,
      style: buildStyle(props.fill) as StyleSpecification,
      bounds: [[w, s], [e, n]],
      fitBoundsOptions: { padding: 20 },
      attributionControl: false,
      maxZoom: 17,
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    const overlay = new MapboxOverlay({ interleaved: true, layers: [] });
    map.addControl(overlay);
    overlayRef.current = overlay;
    const emitView = () => {
      const b = map.getBounds();
      latest.current.onView({ zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] });
    };
    map.on('moveend', emitView);
    map.on('load', () => {
      emitView();
      if (latest.current.basemapStyleUrl) useOnlineBasemap(map, latest.current.basemapStyleUrl, latest.current.fill);
    });
    map.on('click', (ev) => {
      const hit = map.queryRenderedFeatures(ev.point, { layers: ['communes-fill'] })[0];
      latest.current.onClick([ev.lngLat.lng, ev.lngLat.lat], (hit?.properties?.code as string | undefined) ?? null);
    });
    map.on('mousemove', 'communes-fill', () => (map.getCanvas().style.cursor = latest.current.cursor));
    map.on('mouseleave', 'communes-fill', () => (map.getCanvas().style.cursor = ''));
    mapRef.current = map;
    (window as unknown as { __maillageMap?: MapLibreMap }).__maillageMap = map; // e2e tests read the map state
    props.onReady(map);
    return () => map.remove();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (map?.getLayer('communes-fill')) map.setPaintProperty('communes-fill', 'fill-color', props.fill);
    else map?.once('styledata', () => map.getLayer('communes-fill') && map.setPaintProperty('communes-fill', 'fill-color', latest.current.fill));
  }, [props.fill]);

  useEffect(() => {
    const map = mapRef.current;
    const apply = () => map?.getLayer('communes-fill') && map.setPaintProperty('communes-fill', 'fill-opacity', props.fillOpacity);
    if (map?.isStyleLoaded()) apply();
    else map?.once('idle', apply);
  }, [props.fillOpacity]);

  useEffect(() => {
    const map = mapRef.current;
    const apply = () => map?.getLayer('commune-selected') && map.setFilter('commune-selected', ['==', ['get', 'code'], props.selectedCode ?? '']);
    if (map?.isStyleLoaded()) apply();
    else map?.once('idle', apply);
  }, [props.selectedCode]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers: props.deckLayers });
  }, [props.deckLayers]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || props.attribution.length === 0) return;
    const control = new AttributionControl({ compact: true, customAttribution: props.attribution });
    map.addControl(control, 'bottom-left');
    return () => void map.removeControl(control);
  }, [props.attribution]);

  return <div ref={container} className="map" data-testid="map" />;
}

/** Optional online basemap (user setting): fetch its style, then put our thematic layers on top. */
async function useOnlineBasemap(map: MapLibreMap, url: string, fill: ExpressionSpecification | string) {
  try {
    const style = (await (await fetch(url)).json()) as StyleSpecification;
    const ours = buildStyle(fill);
    map.setStyle({ ...style, sources: { ...style.sources, ...ours.sources }, layers: [...style.layers, ...ourLayers(fill)] });
  } catch (e) {
    console.warn('online basemap unavailable, keeping the local one', e);
  }
}
