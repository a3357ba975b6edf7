import { useEffect } from 'react';
import { layersStore } from '../layers/state';
import { AREAS as M, type AreaTab } from '../../lib/messages/areas';
import { proposeLayers, setTab } from './actions';
import { areasStore } from './slice';
import { StoresForm } from './StoresForm';
import { DriveTab } from './DriveTab';
import { CustomerTab } from './CustomerTab';
import { HuffTab } from './HuffTab';
import { CalibrateTab } from './CalibrateTab';
import { WhatIfTab } from './WhatIfTab';
import { Legend } from './Legend';
import './areas.css';

const TABS: { id: AreaTab; View: () => React.JSX.Element }[] = [
  { id: 'drive', View: DriveTab },
  { id: 'customer', View: CustomerTab },
  { id: 'huff', View: HuffTab },
  { id: 'calibrate', View: CalibrateTab },
  { id: 'whatif', View: WhatIfTab },
];

/** « Zones de chalandise »: points of sale, then one of five modes; each result on the map, saved as zones. */
export function Panel() {
  const tab = areasStore.use((s) => s.tab);
  const layers = layersStore.use((s) => s.layers);
  useEffect(() => proposeLayers(layers), [layers]);
  const { View } = TABS.find((t) => t.id === tab)!;
  return (
    <section className="panel areas-panel" aria-label={M.title} data-testid="areas-panel">
      <header>
        <div>
          <div className="eyebrow">{M.eyebrow}</div>
          <h2 className="areas-title">{M.title}</h2>
        </div>
      </header>
      <StoresForm />
      <div className="areas-tabs" role="tablist" aria-label={M.title}>
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'on' : ''} onClick={() => setTab(t.id)} data-testid={`areas-tab-button-${t.id}`}>
            {M.tabs[t.id]}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <View />
      </div>
      <Legend />
    </section>
  );
}
