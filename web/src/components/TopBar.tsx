import { useEffect, useRef, useState } from 'react';
import type { Indicator } from '../api/client';
import { shell } from '../lib/messages';
import { REGION_VIEWS } from '../map/style';
import { groupIndicators, optionLabel } from '../lib/indicator-groups';
import { SearchBox } from '../panels/SearchBox';
import { handleError, openHelp, selectIndicator } from '../state/actions';
import { pickSearchResult, pickTerritory } from '../state/search';

/**
 * The top bar: brand, search, indicator picker, territory buttons and the help "?". On a phone it stays one
 * row — the indicator and territory pickers fold into a menu (☰) that drops down under the bar.
 */
export function TopBar({ indicators, indicatorId }: { indicators: Indicator[]; indicatorId: string }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  // a tap outside the open menu folds it (as any dropdown)
  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as HTMLElement | null;
      if (!menu.current?.contains(t) && !t?.closest('.menu-toggle')) setMenuOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => (window.removeEventListener('pointerdown', onDown), window.removeEventListener('keydown', onKey));
  }, [menuOpen]);
  return (
    <header className="topbar" data-testid="topbar">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◭
        </span>{' '}
        <span className="brand-name">Maillage</span>
      </div>
      <SearchBox onPick={pickSearchResult} onError={handleError} />
      <button className="menu-toggle" aria-label={menuOpen ? shell.menuClose : shell.menu} aria-expanded={menuOpen} aria-controls="topbar-menu" onClick={() => setMenuOpen(!menuOpen)}>
        ☰
      </button>
      <div id="topbar-menu" ref={menu} className={`topbar-menu${menuOpen ? ' open' : ''}`}>
        <label className="picker">
          <span className="muted small">{shell.indicator}</span>
          <select value={indicatorId} onChange={(e) => (selectIndicator(e.target.value), setMenuOpen(false))} aria-label={shell.indicator} data-testid="indicator-picker">
            {groupIndicators(indicators).map((g) => (
              <optgroup key={g.id} label={g.label}>
                {g.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {optionLabel(i)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {/*
          DROM: the map opens on metropolitan France and this picker flies to each overseas département.
          Chosen over insets: insets need one more MapLibre map (WebGL context, tile loads) per DROM and a
          fake geography in which distances, isochrones and clicks lie; a fly-to keeps one map, true scale.
        */}
        <nav className="regions" aria-label={shell.territories}>
          {REGION_VIEWS.map((r) => (
            <button key={r.id} onClick={() => (pickTerritory(r.bounds, r.id === 'metro' ? 6 : 10), setMenuOpen(false))}>
              {r.label}
            </button>
          ))}
        </nav>
      </div>
      <button className="help-toggle" onClick={openHelp} aria-label={shell.helpButton} title={shell.helpButton} data-testid="help-button">
        ?
      </button>
    </header>
  );
}
