import { useRef, useState, type ReactNode, type PointerEvent } from 'react';
import { shell } from '../lib/messages';
import { patchSlice, workspace } from '../state/workspace';

/** How far (px) a swipe must travel to fold or unfold the sheet; a shorter move is a tap. */
const SWIPE_PX = 48;

/**
 * The panel column: a right-hand column on a desktop; on a phone (styles.css) a bottom sheet whose handle
 * folds it down to one bar — swipe it down (or tap) to see the map, swipe up (or tap) to bring it back.
 */
export function PanelSheet({ children }: { children: ReactNode }) {
  const collapsed = workspace.use((s) => s.ui.sheetCollapsed);
  const start = useRef<{ y: number; id: number } | null>(null);
  const [dragPx, setDragPx] = useState(0);
  const setCollapsed = (v: boolean) => patchSlice('ui', { sheetCollapsed: v });

  const onDown = (e: PointerEvent<HTMLElement>) => {
    start.current = { y: e.clientY, id: e.pointerId };
    try {
      e.currentTarget.setPointerCapture(e.pointerId); // the finger may leave the handle while it drags
    } catch {
      // a synthetic pointer cannot be captured: moves on the handle itself still count
    }
  };
  const onMove = (e: PointerEvent<HTMLElement>) => {
    if (start.current?.id !== e.pointerId) return;
    const dy = e.clientY - start.current.y;
    setDragPx(collapsed ? Math.min(0, dy) : Math.max(0, dy)); // the sheet follows the finger, one way
  };
  const onUp = (e: PointerEvent<HTMLElement>) => {
    if (start.current?.id !== e.pointerId) return;
    const dy = e.clientY - start.current.y;
    start.current = null;
    setDragPx(0);
    if (Math.abs(dy) < 6) setCollapsed(!collapsed); // a tap
    else if (!collapsed && dy > SWIPE_PX) setCollapsed(true);
    else if (collapsed && dy < -SWIPE_PX) setCollapsed(false);
  };

  return (
    <aside
      className={`side${collapsed ? ' collapsed' : ''}${dragPx ? ' dragging' : ''}`}
      aria-label={shell.panels}
      data-testid="panel-sheet"
      style={dragPx ? { transform: `translateY(${dragPx}px)` } : undefined}
    >
      <button
        className="sheet-handle"
        data-testid="sheet-handle"
        aria-expanded={!collapsed}
        aria-label={collapsed ? shell.sheetExpand : shell.sheetCollapse}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => ((start.current = null), setDragPx(0))}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setCollapsed(!collapsed))}
      >
        <span className="grip" aria-hidden="true" />
        <span className="small">{collapsed ? shell.sheetExpand : shell.panels}</span>
      </button>
      <div className="side-content">{children}</div>
    </aside>
  );
}
