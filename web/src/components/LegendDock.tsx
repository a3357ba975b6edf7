import type { ReactNode } from 'react';
import { shell } from '../lib/messages';
import { patchSlice, workspace } from '../state/workspace';

/** The legend's corner: a toggle that folds it to one button (folded at first on a phone). */
export function LegendDock({ children }: { children: ReactNode }) {
  const open = workspace.use((s) => s.ui.legendOpen);
  return (
    <div className={`legend-dock${open ? ' open' : ''}`} data-testid="legend-dock">
      <button className="legend-toggle" aria-expanded={open} onClick={() => patchSlice('ui', { legendOpen: !open })} title={open ? shell.legendHide : shell.legendShow} data-testid="legend-toggle">
        {open ? `${shell.legend} ▴` : `${shell.legend} ▾`}
      </button>
      {open && children}
    </div>
  );
}
