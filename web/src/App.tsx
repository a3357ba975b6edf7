import { lazy, Suspense, useEffect, useMemo } from 'react';
import { buildChoropleth, choroplethOpacity } from './map/choropleth';
import { PANELS } from './panels';
import { Legend } from './panels/Legend';
import { Toast } from './components/Toast';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Help } from './components/Help';
import { LegendDock } from './components/LegendDock';
import { PanelSheet } from './components/PanelSheet';
import { TopBar } from './components/TopBar';
import { shell } from './lib/messages';
import { closeToast, handleError, loadWorkspace, openCommune, selectIndicator } from './state/actions';
import { workspace } from './state/workspace';
import { Drawer as ZoneCompareDrawer } from './features/zones';
import { Drawer as ScenarioCompareDrawer } from './features/areas';
import { ToolStatusLine, toolMapClick } from './map/tools';

// MapLibre + deck.gl are ~85 % of the JS: loaded as a separate chunk so the shell (search, pickers) paints first.
const MapView = lazy(() => import('./map/MapView'));

/** Map click (after map/picking.ts found nothing under it): the active map tool takes it, else the commune sheet opens. */
function onMapClick(lngLat: [number, number], code: string | null) {
  if (toolMapClick(lngLat, code)) return;
  if (code) void openCommune(code, false);
}

export function App() {
  const state = workspace.use((s) => s);
  const { indicators, indicatorId, values, method, sheet, config, toast, toastAction } = state;

  useEffect(() => {
    loadWorkspace();
    selectIndicator(workspace.get().indicatorId);
  }, []);

  const indicator = indicators.find((i) => i.id === values?.indicatorId) ?? null;
  const choropleth = useMemo(
    () => (values ? buildChoropleth(values.codes, values.values, method, 7, values.indicatorId.includes('change'), values.palette) : null),
    [values, method],
  );
  const toolActive = state.tools.active !== null;

  return (
    <div className="app">
      <TopBar indicators={indicators} indicatorId={indicatorId} />
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
        <PanelSheet>
          <Help />
          {PANELS.map(({ id, Component }) => (
            <ErrorBoundary key={id} what={`Le panneau « ${shell.panelNames[id] ?? id} »`} onError={handleError}>
              <Component />
            </ErrorBoundary>
          ))}
        </PanelSheet>
        <LegendDock>
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
        </LegendDock>
        {(!values || values.indicatorId !== indicatorId) && <div className="loading">{shell.loadingIndicator}</div>}
        <ZoneCompareDrawer />
        <ScenarioCompareDrawer />
        <ToolStatusLine />
      </main>
      <Toast message={toast} action={toastAction} onClose={closeToast} />
    </div>
  );
}
