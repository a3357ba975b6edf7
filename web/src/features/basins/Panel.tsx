import { useEffect } from 'react';
import { BASINS as M, type BasinTab } from '../../lib/messages/basins';
import { loadSources, setTab } from './actions';
import { basinsStore } from './slice';
import { AccessTab } from './AccessTab';
import { NearestTab } from './NearestTab';
import { FlowsTab } from './FlowsTab';
import './basins.css';

const TABS: { id: BasinTab; View: () => React.JSX.Element }[] = [
  { id: 'access', View: AccessTab },
  { id: 'nearest', View: NearestTab },
  { id: 'flows', View: FlowsTab },
];

/** « Bassins de santé »: accessibility per commune, time to the nearest actor, patient-flow basins; each on the map, saved as an indicator or zones. */
export function Panel() {
  const tab = basinsStore.use((s) => s.tab);
  const loaded = basinsStore.use((s) => s.sources !== null);
  useEffect(() => void loadSources(), []);
  const { View } = TABS.find((t) => t.id === tab)!;
  return (
    <section className="panel basins-panel" aria-label={M.title} data-testid="basins-panel">
      <header>
        <div>
          <div className="eyebrow">{M.eyebrow}</div>
          <h2 className="basins-title">{M.title}</h2>
        </div>
      </header>
      <p className="muted tiny">{M.intro}</p>
      <div className="basins-tabs" role="tablist" aria-label={M.title}>
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'on' : ''} onClick={() => setTab(t.id)} data-testid={`basins-tab-button-${t.id}`}>
            {M.tabs[t.id]}
          </button>
        ))}
      </div>
      <div role="tabpanel">{loaded ? <View /> : <p className="muted small">{M.loadingSources}</p>}</div>
    </section>
  );
}
