import { useState } from 'react';
import { layersStore } from '../layers/state';
import { AREAS as M, int, pct } from '../../lib/messages/areas';
import { chooseCustomerLayer, setCustomer, setCustomers } from './actions';
import { areasStore } from './slice';
import { ComputeButton, Field, Labels, MoreRows, OffNetwork, SaveAsZones, cutoffInput, storeNames } from './common';

const TOP = 8;

/** The customer layer, its store key column (or the nearest store by drive time) and what to count. */
export function CustomersFields({ keyRequired = false }: { keyRequired?: boolean }) {
  const layers = layersStore.use((s) => s.layers);
  const c = areasStore.use((s) => s.customers);
  const layer = layers?.find((l) => l.id === c.layerId) ?? null;
  const measures = (layer?.measures ?? []) as { name: string; type?: string }[];
  return (
    <div className="areas-grid">
      <Field label={M.customer.layer}>
        <select value={c.layerId ?? ''} onChange={(e) => chooseCustomerLayer(layers?.find((l) => l.id === e.target.value) ?? null)} data-testid="areas-customer-layer">
          <option value="">{M.stores.chooseLayer}</option>
          {(layers ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </Field>
      <Field label={M.customer.storeKey}>
        <select value={c.storeKeyField ?? ''} onChange={(e) => setCustomers({ storeKeyField: e.target.value || null })} data-testid="areas-store-key">
          {!keyRequired && <option value="">{M.customer.nearest}</option>}
          {keyRequired && !c.storeKeyField && <option value="">—</option>}
          {['category', ...measures.filter((m) => m.type === 'category').map((m) => m.name)].map((m) => <option key={m} value={m}>{m === 'category' ? M.stores.category : m}</option>)}
        </select>
      </Field>
      <Field label={M.customer.value}>
        <select value={c.valueMeasure ?? ''} onChange={(e) => setCustomers({ valueMeasure: e.target.value || null })}>
          <option value="">{M.customer.valueCount}</option>
          {measures.filter((m) => m.type === 'number').map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
        </select>
      </Field>
    </div>
  );
}

/** Customer-derived areas: communes ranked by customers until 50 / 70 / 80 % of each store's customers. */
export function CustomerTab() {
  const c = areasStore.use((s) => s.customer);
  return (
    <div className="areas-tab" data-testid="areas-tab-customer">
      <CustomersFields />
      <div className="areas-grid">
        <Field label={M.customer.thresholds}>
          <input value={c.thresholdsText} onChange={(e) => setCustomer({ thresholdsText: e.target.value })} aria-label={M.customer.thresholdsAria} size={10} />
        </Field>
        {cutoffInput(c.cutoffMin, (cutoffMin) => setCustomer({ cutoffMin }))}
      </div>
      <label className="areas-check small"><input type="checkbox" checked={c.excludeOutliers} onChange={(e) => setCustomer({ excludeOutliers: e.target.checked })} /> {M.customer.outliers}</label>
      <ComputeButton tab="customer" />
      <CustomerResultView />
    </div>
  );
}

function CustomerResultView() {
  const r = areasStore.use((s) => s.results.customer);
  const [all, setAll] = useState(false);
  if (!r) return null;
  const rows = r.stores.filter((s) => s.totalValue > 0);
  const shown = all ? rows : rows.slice(0, TOP);
  return (
    <div className="areas-result" data-testid="areas-customer-result">
      <p className="small"><Labels synthetic={r.synthetic} modelled={false} /></p>
      <table className="areas-table">
        <thead>
          <tr><th>{M.huff.store}</th>{r.thresholdsRatio.map((t) => <th key={t}>{pct(t)}</th>)}<th title={M.customer.beyond}>{M.customer.beyondHead(r.cutoffSec / 60)}</th></tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.name}</th>
              {s.tiers.map((t) => <td key={t.thresholdRatio} title={M.customer.tierTitle(t.name, t.populationCount)}>{int(t.communeCodes.length)}</td>)}
              <td>{pct(s.beyondCutoffRatio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted tiny">{M.customer.tiersCaption}</p>
      <MoreRows total={rows.length} shown={TOP} all={all} onToggle={() => setAll(!all)} />
      <OffNetwork report={r.offNetwork} names={storeNames(r.stores)} />
      <SaveAsZones tab="customer" what={M.tabs.customer} stores={r.stores} allLabel={M.save.everyOwn} />
    </div>
  );
}
