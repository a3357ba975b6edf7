import { AREAS as M } from '../../lib/messages/areas';
import { css, STORE_COLORS } from './colors';
import { areasStore } from './slice';
import { storePoints } from './points';

/** Legend of the store points drawn on the map (the commune colours have the map's own legend). */
export function Legend() {
  const state = areasStore.use((s) => s);
  const kinds = new Set(storePoints(state).map((p) => p.kind));
  if (!kinds.size) return null;
  return (
    <div className="areas-legend small" data-testid="areas-legend">
      <div className="legend-title">{M.legend.title}</div>
      <ul>
        {(Object.keys(STORE_COLORS) as (keyof typeof STORE_COLORS)[]).filter((k) => kinds.has(k)).map((k) => (
          <li key={k}>
            <span className="areas-dot" style={{ background: css(STORE_COLORS[k].fill), borderColor: css(STORE_COLORS[k].line) }} /> {M.legend[k]}
          </li>
        ))}
      </ul>
    </div>
  );
}
