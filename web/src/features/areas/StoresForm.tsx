import { layersStore } from '../layers/state';
import { AREAS as M } from '../../lib/messages/areas';
import { HEALTH_CATEGORY_COLORS } from '../../lib/palette';
import { useEffect } from 'react';
import { chooseFiness, chooseStoreLayer, loadFinessPoints, setStores } from './actions';
import { areasStore, ownCount, parseDepartements } from './slice';
import { Field } from './common';
import { RolesList } from './RolesList';

const FINESS = 'finess';

/**
 * Points of sale: a point layer (own / competitor from a column's values or all own; attractiveness from a measure
 * or 1) or FINESS health sites (by category and département); then roles one by one (RolesList).
 */
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
          value={stores.source === 'finess' ? FINESS : stores.layerId ?? ''}
          onChange={(e) => (e.target.value === FINESS ? chooseFiness() : void chooseStoreLayer(layers?.find((l) => l.id === e.target.value) ?? null))}
          data-testid="areas-store-layer"
        >
          <option value="">{M.stores.chooseLayer}</option>
          {(layers ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          <option value={FINESS}>{M.stores.finessOption}</option>
        </select>
      </Field>
      {stores.source === 'finess' && <FinessFilters />}
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
      <RolesList />
    </fieldset>
  );
}

/** FINESS sites: categories (none ticked: all), départements typed, one role for all (then by hand). */
function FinessFilters() {
  const stores = areasStore.use((s) => s.stores);
  const badDepartements = parseDepartements(stores.finessDepartementsText) === null;
  const ticked = new Set(stores.finessCategories);
  // The sites matching the filters are listed for the roles by hand (after a pause in typing).
  const filters = `${stores.finessDepartementsText}|${stores.finessCategories.join()}`;
  useEffect(() => {
    const timer = setTimeout(() => void loadFinessPoints(), 400);
    return () => clearTimeout(timer);
  }, [filters]);
  return (
    <>
      <Field label={M.stores.finessDepartements}>
        <input
          value={stores.finessDepartementsText} onChange={(e) => setStores({ finessDepartementsText: e.target.value, roles: {} })}
          aria-invalid={badDepartements} data-testid="areas-finess-departements"
        />
      </Field>
      {badDepartements && <p className="notice tiny" role="alert">{M.stores.badDepartements}</p>}
      <div className="areas-values small" role="group" aria-label={M.stores.finessCategories} data-testid="areas-finess-categories">
        <span className="areas-label">{M.stores.finessCategories}</span>
        {HEALTH_CATEGORY_COLORS.map(([c]) => (
          <label key={c} className="areas-check">
            <input type="checkbox" checked={ticked.has(c)} onChange={(e) => setStores({ finessCategories: e.target.checked ? [...stores.finessCategories, c] : stores.finessCategories.filter((x) => x !== c), roles: {} })} />
            {c}
          </label>
        ))}
      </div>
      <div className="areas-row">
        <span className="areas-label">{M.stores.role}</span>
        <div className="segmented" role="radiogroup" aria-label={M.stores.role}>
          {(['own', 'competitor'] as const).map((r) => (
            <button key={r} role="radio" aria-checked={stores.finessRole === r} className={stores.finessRole === r ? 'on' : ''} onClick={() => setStores({ finessRole: r })} data-testid={`areas-finess-role-${r}`}>
              {r === 'own' ? M.stores.own : M.stores.competitor}
            </button>
          ))}
        </div>
      </div>
      <p className="muted tiny">{M.stores.finessHint}</p>
    </>
  );
}
