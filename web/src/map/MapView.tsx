import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { buildLayers } from '../layers';
import { workspace } from '../state/workspace';
import { setMap } from './handle';
import { MAPLIBRE_LOCALE_FR, MAP_MESSAGES } from '../lib/messages/map';
import { activeToolId } from './tools';
import { AccountPopup, Chooser } from './MapPopups';
import { openPick, picksAt, type MapPick } from './picking';
import { reloadPmsiZones } from '../features/health/pmsi-zones';
import { buildStyle, ourLayers, REGION_VIEWS } from './style';

export interface MapViewProps {
  /** Choropleth colour per commune code (map/choropleth.ts), applied as feature-state; null: none yet. */
  colorByCode: Map<string, string | null> | null;
  /** Choropleth opacity: lowered while an analysis (isochrone…) is drawn on top. */
  fillOpacity: number;
  selectedCode: string | null;
  attribution: string[];
  basemapStyleUrl: string | null;
  cursor: string;
  onClick(lngLat: [number, number], communeCode: string | null): void;
}

/**
 * MapLibre map hosting deck.gl (MapboxOverlay, interleaved). Lazy-loaded by App (maplibre + deck.gl are
 * most of the JS), so the page shell paints first. Deck layers are rebuilt from the workspace state.
 */
export default function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [loadedMap, setLoadedMap] = useState<MapLibreMap | null>(null);
  const [chooser, setChooser] = useState<{ at: [number, number]; picks: MapPick[] } | null>(null);
  const closeChooser = useCallback(() => setChooser(null), []);

  useEffect(() => {
    const [w, s, e, n] = REGION_VIEWS[0].bounds;
    const map = new MapLibreMap({
      container: container.current!,
      style: buildStyle(),
      bounds: [[w, s], [e, n]],
      fitBoundsOptions: { padding: 20 },
      attributionControl: false,
      maxZoom: 17,
      locale: MAPLIBRE_LOCALE_FR,
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
      const bounds: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      workspace.set({ view: { zoom: map.getZoom(), bounds } });
      void reloadPmsiZones(bounds);
    };
    map.on('moveend', emitView);
    map.on('load', () => {
      emitView();
      if (latest.current.basemapStyleUrl) void useOnlineBasemap(map, latest.current.basemapStyleUrl);
    });
    // Feature state belongs to the style's sources: paint the choropleth again after a style swap.
    map.on('style.load', () => applyColors(map, latest.current.colorByCode, null));
    map.on('click', (ev) => {
      const lngLat: [number, number] = [ev.lngLat.lng, ev.lngLat.lat];
      // No map tool waiting for a click (isochrone origin, polygon vertex): sites and accounts under the click come first;
      // several of them at one spot open a chooser rather than the nearest one.
      const toolActive = activeToolId() !== 'none';
      const picks = toolActive ? [] : picksAt(lngLat, map.getZoom());
      setChooser(picks.length > 1 ? { at: lngLat, picks } : null);
      if (picks.length > 1) return;
      if (picks.length === 1) return openPick(picks[0]);
      const hit = map.queryRenderedFeatures(ev.point, { layers: ['communes-fill'] })[0];
      latest.current.onClick(lngLat, (hit?.properties?.code as string | undefined) ?? null);
    });
    map.on('mousemove', 'communes-fill', () => (map.getCanvas().style.cursor = latest.current.cursor));
    map.on('mouseleave', 'communes-fill', () => (map.getCanvas().style.cursor = ''));
    mapRef.current = map;
    (window as unknown as { __maillageMap?: MapLibreMap }).__maillageMap = map; // e2e tests read the map state
    setMap(map);
    setLoadedMap(map);
    return () => {
      setMap(null);
      setLoadedMap(null);
      map.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = useRef<Map<string, string | null> | null>(null);
  useStyleEffect(mapRef, () => (applyColors(mapRef.current!, props.colorByCode, shown.current), (shown.current = props.colorByCode)), [props.colorByCode]);
  useStyleEffect(mapRef, () => mapRef.current!.setPaintProperty('communes-fill', 'fill-opacity', props.fillOpacity), [props.fillOpacity]);
  useStyleEffect(mapRef, () => mapRef.current!.setFilter('commune-selected', ['==', ['get', 'code'], props.selectedCode ?? '']), [props.selectedCode]);

  // deck.gl layers: values built from the whole workspace state each time it changes.
  const state = workspace.use((s) => s);
  const layers = useMemo(() => buildLayers(state), [state]);
  useEffect(() => {
    overlayRef.current?.setProps({ layers });
    (window as unknown as { __maillageDeckLayers?: unknown }).__maillageDeckLayers = layers; // e2e tests read what deck.gl draws
  }, [layers]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || props.attribution.length === 0) return;
    const control = new AttributionControl({ compact: true, customAttribution: props.attribution });
    map.addControl(control, 'bottom-left');
    return () => void map.removeControl(control);
  }, [props.attribution]);

  return (
    <>
      <div ref={container} className="map" data-testid="map" role="application" aria-label={MAP_MESSAGES.mapLabel} />
      {loadedMap && chooser && <Chooser map={loadedMap} at={chooser.at} picks={chooser.picks} onDone={closeChooser} />}
      {loadedMap && <AccountPopup map={loadedMap} />}
    </>
  );
}

/** Sets the commune colours as feature-state; only the codes whose colour changed since `previous`. */
function applyColors(map: MapLibreMap, colors: Map<string, string | null> | null, previous: Map<string, string | null> | null) {
  if (!colors || !map.getSource('communes')) return;
  for (const [code, color] of colors) {
    if (previous && previous.get(code) === color) continue;
    map.setFeatureState({ source: 'communes', sourceLayer: 'communes', id: code }, { color });
  }
}

/** Runs a style mutation now if our layers exist, else once the style has loaded (also after a basemap swap). */
function useStyleEffect(mapRef: { current: MapLibreMap | null }, apply: () => void, deps: unknown[]) {
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const run = () => map.getLayer('communes-fill') && apply();
    if (map.isStyleLoaded() && map.getLayer('communes-fill')) run();
    else map.once('idle', run);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/** Optional online basemap (user setting, `basemapStyleUrl` in /api/config): its style, then our layers on top. */
async function useOnlineBasemap(map: MapLibreMap, url: string) {
  try {
    const style = (await (await fetch(url)).json()) as StyleSpecification;
    const ours = buildStyle();
    map.setStyle({ ...style, sources: { ...style.sources, ...ours.sources }, layers: [...style.layers, ...ourLayers()] });
  } catch (e) {
    console.warn('online basemap unavailable, keeping the local one', e);
  }
}
