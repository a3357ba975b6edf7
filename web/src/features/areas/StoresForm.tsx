import { layersStore } from '../layers/state';
import { AREAS as M } from '../../lib/messages/areas';
import { chooseStoreLayer, setStores } from './actions';
import { areasStore, ownCount } from './slice';
import { Field } from './common';

/** Points of sale: a point layer; own / competitor from a column's values (or all own); attractiveness from a measure or 1. */
export function StoresForm() {
  const layers = layersStore.use((s) => s.layers);
  const stores = areasStore.use((s) => s.stores);
  const storeLayer = areasStore.use((s) => s.storeLayer);
  const field = storeLayer?.categoryFields.find((f) => f.name === stores.roleField) ?? null;
  const label = (name: string) => (name === 'category' ? M.stores.category : name);
  return (
    <fieldset className="areas-stores" data-testid="areas-stores">
      <legend>{M.stores.legend}</legend>
      {layers && layers.length === 0 && <p className="muted small">{M.stores.noLayer}</p>}
      <Field label={M.stores.layer}>
        <select
          value={stores.layerId ?? ''}
          onChange={(e) => void chooseStoreLayer(layers?.find((l) => l.id === e.target.value) ?? null)}
          data-testid="areas-store-layer"
        >
          <option value="">{M.stores.chooseLayer}</option>
          {(layers ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </Field>
      {stores.layerId && !storeLayer && <p className="muted tiny">{M.stores.loading}</p>}
      {storeLayer && (
        <>
          <div className="areas-row">
            <span className="areas-label">{M.stores.role}</span>
            <div className="segmented" role="radiogroup" aria-label={M.stores.role}>
              <button role="radio" aria-checked={stores.roleMode === 'all-own'} className={stores.roleMode === 'all-own' ? 'on' : ''} onClick={() => setStores({ roleMode: 'all-own' })}>{M.stores.allOwn}</button>
              <button role="radio" aria-checked={stores.roleMode === 'column'} className={stores.roleMode === 'column' ? 'on' : ''} disabled={!storeLayer.categoryFields.length} onClick={() => setStores({ roleMode: 'column' })}>{M.stores.fromColumn}</button>
            </div>
          </div>
          {stores.roleMode === 'column' && (
            <>
              <Field label={M.stores.column}>
                <select value={stores.roleField ?? ''} onChange={(e) => setStores({ roleField: e.target.value || null, ownValues: [] })} data-testid="areas-role-field">
                  {storeLayer.categoryFields.map((f) => <option key={f.name} value={f.name}>{label(f.name)}</option>)}
                </select>
              </Field>
              <div className="areas-values small" role="group" aria-label={M.stores.ownValues} title={M.stores.ownValuesHint} data-testid="areas-own-values">
                <span className="areas-label">{M.stores.ownValues}</span>
                {(field?.values ?? []).slice(0, 40).map((v) => (
                  <label key={v} className="areas-check">
                    <input
                      type="checkbox"
                      checked={stores.ownValues.includes(v)}
                      onChange={(e) => setStores({ ownValues: e.target.checked ? [...stores.ownValues, v] : stores.ownValues.filter((x) => x !== v) })}
                    />
                    {v}
                  </label>
                ))}
              </div>
            </>
          )}
          <Field label={M.stores.attractiveness}>
            <select value={stores.attractivenessMeasure ?? ''} onChange={(e) => setStores({ attractivenessMeasure: e.target.value || null })} data-testid="areas-attractiveness">
              <option value="">{M.stores.attractivenessOne}</option>
              {storeLayer.numberFields.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </Field>
          <p className="muted tiny" data-testid="areas-store-count">{M.stores.count(storeLayer.pointCount, ownCount(stores, storeLayer))}</p>
        </>
      )}
    </fieldset>
  );
}
