import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api, call, ApiRequestError, type CommuneSheetData, type Indicator, type IsochroneResult, type RoutingStatus, type SearchResult } from './api/client';
import { MapView, type ViewState } from './map/MapView';
import { REGION_VIEWS } from './map/style';
import { buildChoropleth } from './map/choropleth';
import { buildLayers } from './layers';
import { characterSetOf, type LabelData } from './layers/labels';
import { SearchBox } from './panels/SearchBox';
import { CommuneSheet } from './panels/CommuneSheet';
import { Legend } from './panels/Legend';
import { IsochronePanel } from './panels/IsochronePanel';
import { Toast } from './components/Toast';
import type { ClassMethod } from './lib/classify';

type Bbox = [number, number, number, number];

export function App() {
  const mapRef = useRef<MapLibreMap | null>(null);
  const [view, setView] = useState<ViewState | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [indicatorId, setIndicatorId] = useState('density');
  const [values, setValues] = useState<{ codes: string[]; values: (number | null)[] } | null>(null);
  const [method, setMethod] = useState<ClassMethod>('quantile');
  const [sheet, setSheet] = useState<{ data: CommuneSheetData; replacedFrom: string | null } | null>(null);
  const [labels, setLabels] = useState<LabelData | null>(null);
  const [config, setConfig] = useState<{ basemapStyleUrl: string | null; attribution: string[] } | null>(null);
  const [routing, setRouting] = useState<RoutingStatus | null>(null);
  const [isoMode, setIsoMode] = useState(false);
  const [breaksText, setBreaksText] = useState('10, 20, 30');
  const [isochrone, setIsochrone] = useState<IsochroneResult | null>(null);
  const [busy, setBusy] = useState(false);

  /** The one error handler: API errors (their message says what to do) and network failures become a toast. */
  const handleError = useCallback((e: unknown) => {
    setToast(e instanceof ApiRequestError ? e.message : e instanceof Error ? e.message : String(e));
  }, []);

  useEffect(() => {
    call(api.indicators.$get()).then((r) => setIndicators(r.indicators)).catch(handleError);
    call(api.config.$get()).then(setConfig).catch(handleError);
    call(api.routing.status.$get()).then(setRouting).catch(handleError);
    call(api.territory.labels.$get())
      .then((r) =>
        setLabels({
          communes: r.labels,
          departements: r.departements,
          regions: r.regions,
          characterSet: characterSetOf([...r.labels, ...r.departements, ...r.regions].map((l) => l.name)),
        }),
      )
      .catch(handleError);
  }, [handleError]);

  useEffect(() => {
    setValues(null);
    call(api.indicators[':id'].values.$get({ param: { id: indicatorId } }))
      .then((r) => setValues({ codes: r.codes, values: r.values }))
      .catch(handleError);
  }, [indicatorId, handleError]);

  const indicator = indicators.find((i) => i.id === indicatorId) ?? null;
  const choropleth = useMemo(
    () => (values ? buildChoropleth(values.codes, values.values, method, 7, indicatorId.includes('change')) : null),
    [values, method, indicatorId],
  );
  const minValue = useMemo(() => (values ? values.values.reduce<number | null>((m, v) => (v !== null && (m === null || v < m) ? v : m), null) : null), [values]);

  const fitBounds = (b: Bbox | null, maxZoom = 12) => b && mapRef.current?.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 60, maxZoom, duration: 900 });

  const openCommune = useCallback(
    async (code: string, fly: boolean) => {
      try {
        const res = await api.communes[':code'].$get({ param: { code } }, { init: { redirect: 'manual' } });
        let replacedFrom: string | null = null;
        let data: unknown;
        if (res.status === 301) {
          const body = (await res.json()) as { replacedBy: { code: string }[]; oldCode: string };
          replacedFrom = body.oldCode;
          data = await call<unknown>(api.communes[':code'].$get({ param: { code: body.replacedBy[0].code } }) as never);
        } else {
          data = await call<unknown>(Promise.resolve(res) as never);
        }
        const sheetData = data as CommuneSheetData;
        setSheet({ data: sheetData, replacedFrom });
        if (fly) fitBounds(sheetData.bbox as Bbox | null, 11);
      } catch (e) {
        handleError(e);
      }
    },
    [handleError],
  );

  const onPick = (r: SearchResult) => {
    if (r.kind === 'commune') openCommune(r.code, true);
    else fitBounds(r.bbox as Bbox | null, 10);
  };

  const computeIsochrone = async (origin: [number, number]) => {
    const breaksMin = breaksText.split(/[,; ]+/).filter(Boolean).map(Number);
    setBusy(true);
    try {
      setIsochrone(await call(api.routing.isochrones.$post({ json: { origin, breaksMin } })));
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(false);
    }
  };

  const onMapClick = (lngLat: [number, number], code: string | null) => {
    if (isoMode) computeIsochrone(lngLat);
    else if (code) openCommune(code, false);
  };

  const deckLayers = useMemo(() => buildLayers({ view, labels, isochrone }), [view, labels, isochrone]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden>◭</span> Maillage
        </div>
        <SearchBox onPick={onPick} onError={handleError} />
        <label className="picker">
          <span className="muted small">Indicateur</span>
          <select value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)} aria-label="Indicateur">
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label} ({i.unit})
              </option>
            ))}
          </select>
        </label>
        <nav className="regions" aria-label="Territoires">
          {REGION_VIEWS.map((r) => (
            <button key={r.id} onClick={() => fitBounds(r.bounds, r.id === 'metro' ? 6 : 10)}>
              {r.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="workspace">
        <MapView
          fill={choropleth?.fill ?? '#e4e1da'}
          fillOpacity={isochrone ? 0.35 : 0.88}
          selectedCode={sheet?.data.code ?? null}
          deckLayers={deckLayers}
          attribution={config?.attribution ?? []}
          basemapStyleUrl={config?.basemapStyleUrl ?? null}
          cursor={isoMode ? 'crosshair' : 'pointer'}
          onReady={(m) => (mapRef.current = m)}
          onView={setView}
          onClick={onMapClick}
        />
        <aside className="side">
          {sheet && <CommuneSheet sheet={sheet.data} replacedFrom={sheet.replacedFrom} onClose={() => setSheet(null)} />}
          <IsochronePanel
            status={routing}
            active={isoMode}
            breaksText={breaksText}
            result={isochrone}
            busy={busy}
            onToggle={() => setIsoMode((m) => !m)}
            onBreaks={setBreaksText}
            onClear={() => setIsochrone(null)}
          />
        </aside>
        <Legend
          indicator={indicator}
          breaks={choropleth?.breaks ?? []}
          colors={choropleth?.colors ?? []}
          min={minValue}
          missingCount={choropleth?.missingCount ?? 0}
          method={method}
          onMethod={setMethod}
        />
        {!values && <div className="loading">Chargement des indicateurs…</div>}
      </main>
      <Toast message={toast} onClose={() => setToast(null)} />
    </div>
  );
}
