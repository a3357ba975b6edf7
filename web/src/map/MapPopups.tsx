import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { AccountCard } from '../panels/AccountCard';
import { MAP_MESSAGES } from '../lib/messages/map';
import { layersStore, setLayers } from '../features/layers/state';
import { openPick, type MapPick } from './picking';

/** React content in a MapLibre popup anchored at a point: it follows the map as it moves. */
function MapPopup({ map, lngLat, onClose, className, children }: { map: MapLibreMap; lngLat: [number, number]; onClose(): void; className: string; children: ReactNode }) {
  const [element] = useState(() => document.createElement('div'));
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const container = map.getContainer();
    const maxWidthPx = Math.min(320, container.clientWidth - 24); // a phone: the popup never wider than the map
    const popup = new Popup({ closeButton: true, closeOnClick: false, closeOnMove: false, maxWidth: `${maxWidthPx}px`, className, focusAfterOpen: false, offset: 10 })
      .setLngLat(lngLat)
      .setDOMContent(element)
      .addTo(map);
    // MapLibre anchors the popup but does not keep it inside the map: pan by what sticks out, once it has its size —
    // and only once the map has stopped (a pan during a fly-to, e.g. after a search pick, would cancel the flight)
    // and only when its point is in view (a popup far off-screen is the flight's destination, not a spill).
    let frame = 0;
    const fit = () => {
      const box = popup.getElement()?.getBoundingClientRect();
      const view = container.getBoundingClientRect();
      if (!box) return;
      const anchor = map.project(lngLat);
      if (anchor.x < 0 || anchor.y < 0 || anchor.x > view.width || anchor.y > view.height) return;
      const margin = 8;
      const dx = box.left < view.left + margin ? box.left - view.left - margin : box.right > view.right - margin ? box.right - view.right + margin : 0;
      const dy = box.top < view.top + margin ? box.top - view.top - margin : 0;
      if (dx || dy) map.panBy([dx, dy], { duration: 200 });
    };
    const schedule = () => (frame = requestAnimationFrame(fit));
    if (map.isMoving()) map.once('moveend', schedule);
    else schedule();
    let removing = false;
    popup.on('close', () => !removing && close.current());
    return () => {
      removing = true;
      cancelAnimationFrame(frame);
      map.off('moveend', schedule);
      popup.remove();
    };
  }, [map, lngLat[0], lngLat[1], element, className]); // eslint-disable-line react-hooks/exhaustive-deps
  return createPortal(children, element);
}

const CHOOSER_MAX = 12;

/** Several objects under one click: list them, the user picks (Escape or the close button dismisses). */
export function Chooser({ map, at, picks, onDone }: { map: MapLibreMap; at: [number, number]; picks: MapPick[]; onDone(): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onDone();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDone]);
  return (
    <MapPopup map={map} lngLat={at} onClose={onDone} className="map-chooser-popup">
      <div className="map-chooser" data-testid="map-chooser" role="dialog" aria-label={MAP_MESSAGES.chooserLabel}>
        <div className="map-chooser-title">{MAP_MESSAGES.chooserTitle(picks.length)}</div>
        <ul>
          {picks.slice(0, CHOOSER_MAX).map((p) => (
            <li key={`${p.kind}:${p.id}`}>
              <button className="link" onClick={() => (openPick(p), onDone())}>
                {p.label}
              </button>
              <div className="muted tiny">{p.detail}</div>
            </li>
          ))}
        </ul>
        {picks.length > CHOOSER_MAX && <div className="muted tiny">{MAP_MESSAGES.chooserMore(picks.length - CHOOSER_MAX)}</div>}
      </div>
    </MapPopup>
  );
}

/** The selected account's card, anchored at its point. */
export function AccountPopup({ map }: { map: MapLibreMap }) {
  const selected = layersStore.use((s) => s.selected);
  if (!selected) return null;
  return (
    <MapPopup map={map} lngLat={[selected.feature.lon, selected.feature.lat]} onClose={() => setLayers({ selected: null })} className="account-popup">
      <AccountCard />
    </MapPopup>
  );
}
