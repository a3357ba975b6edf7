import { lazy, Suspense, useEffect, useMemo } from 'react';
import { buildChoropleth, choroplethOpacity } from './map/choropleth';
import { REGION_VIEWS } from './map/style';
import { flyToBbox } from './map/handle';
import { PANELS } from './panels';
import { SearchBox } from './panels/SearchBox';
import { Legend } from './panels/Legend';
import { Toast } from './components/Toast';
import { ErrorBoundary } from './components/ErrorBoundary';
import { handleError, loadWorkspace, openCommune, pickSearchResult, selectIndicator } from './state/actions';
import { workspace } from './state/workspace';

// MapLibre + deck.gl are ~85 % of the JS: loaded as a separate chunk so the shell (search, pickers) paints first.
const MapView = lazy(() => import('./map/MapView'));

/** Map click: the first panel tool that wants it (registry order), else the commune sheet. */
function onMapClick(lngLat: [number, number], code: string | null) {
  for (const panel of PANELS) if (panel.onMapClick?.(lngLat, code)) return;
  if (code) void openCommune(code, false);
}

export function App() {
  const state = workspace.use((s) => s);
  const { indicators, indicatorId, values, method, sheet, config, toast } = state;

  useEffect(() => {
    loadWorkspace();
    selectIndicator(workspace.get().indicatorId);
  }, []);

  const indicator = indicators.find((i) => i.id === values?.indicatorId) ?? null;
  const choropleth = useMemo(
    () => (values ? buildChoropleth(values.codes, values.values, method, 7, values.indicatorId.includes('change')) : null),
    [values, method],
  );
  const toolActive = PANELS.some((p) => p.toolActive?.(state));

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden>
            ◭
          </span>{' '}
          Maillage
        </div>
        <SearchBox onPick={pickSearchResult} onError={handleError} />
        <label className="picker">
          <span className="muted small">Indicateur</span>
          <select value={indicatorId} onChange={(e) => selectIndicator(e.target.value)} aria-label="Indicateur">
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label} ({i.unit})
              </option>
            ))}
          </select>
        </label>
        {/*
          DROM: the map opens on metropolitan France and this picker flies to each overseas département.
          Chosen over insets: insets need one more MapLibre map (WebGL context, tile loads) per DROM and a
          fake geography in which distances, isochrones and clicks lie; a fly-to keeps one map, true scale.
        */}
        <nav className="regions" aria-label="Aller à un territoire">
          {REGION_VIEWS.map((r) => (
            <button key={r.id} onClick={() => flyToBbox(r.bounds, r.id === 'metro' ? 6 : 10)}>
              {r.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="workspace">
        <ErrorBoundary what="La carte" onError={handleError}>
          <Suspense fallback={<div className="map map-loading" aria-busy="true" />}>
            <MapView
              colorByCode={choropleth?.colorByCode ?? null}
              fillOpacity={choroplethOpacity(state)}
              selectedCode={sheet?.data.code ?? null}
              attribution={config?.attribution ?? []}
              basemapStyleUrl={config?.basemapStyleUrl ?? null}
              cursor={toolActive ? 'crosshair' : 'pointer'}
              onClick={onMapClick}
            />
          </Suspense>
        </ErrorBoundary>
        <aside className="side" aria-label="Panneaux">
          {PANELS.map(({ id, Component }) => (
            <ErrorBoundary key={id} what={`Le panneau « ${id} »`} onError={handleError}>
              <Component />
            </ErrorBoundary>
          ))}
        </aside>
        <Legend
          indicator={indicator}
          breaks={choropleth?.breaks ?? []}
          colors={choropleth?.colors ?? []}
          min={choropleth?.min ?? null}
          integer={choropleth?.integer ?? false}
          missingCount={choropleth?.missingCount ?? 0}
          method={method}
          onMethod={(m) => workspace.set({ method: m })}
        />
        {(!values || values.indicatorId !== indicatorId) && <div className="loading">Chargement de l'indicateur…</div>}
      </main>
      <Toast message={toast} onClose={() => workspace.set({ toast: null })} />
    </div>
  );
}
