import { useState } from 'react';
import { AREAS as M } from '../../lib/messages/areas';
import { setAreas, setRole } from './actions';
import { areasStore, filterPoints, ruleRoles, type StoreRole } from './slice';

const SHOWN = 200;

/**
 * « Rôles un par un »: each point of sale switched own / competitor by hand (the API's `roles`), over the rule
 * (all own, a column's values). A layer's points are listed as soon as it is read; FINESS sites as soon as their
 * filters are set (POST /api/areas/stores, loadFinessPoints). Filtered by name; the first SHOWN matches are drawn.
 */
export function RolesList() {
  const form = areasStore.use((s) => s.stores);
  const info = areasStore.use((s) => s.storeLayer);
  const result = areasStore.use((s) => s.results[s.tab] ?? s.results.huff);
  const [filter, setFilter] = useState('');
  const finess = areasStore.use((s) => s.finessPoints);
  const fromResult = form.source === 'finess' ? (finess ?? ((result?.stores ?? []) as { key: string; name: string }[])) : [];
  const points = info?.points ?? fromResult;
  if (!points.length) return null;
  const rule: StoreRole[] = info ? ruleRoles(form, info) : points.map(() => form.finessRole);
  const matches = filterPoints(points, filter);
  const changed = Object.keys(form.roles).length;
  return (
    <details className="areas-roles small" data-testid="areas-roles">
      <summary>{M.stores.byHand} <span className="muted">({M.stores.byHandCount(changed)})</span></summary>
      <div className="areas-row">
        <input
          type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={M.stores.filterPlaceholder}
          aria-label={M.stores.filter} className="areas-roles-filter" data-testid="areas-roles-filter"
        />
        <span className="muted tiny" data-testid="areas-roles-shown">{M.stores.shown(Math.min(matches.length, SHOWN), matches.length)}</span>
        {changed > 0 && <button className="link tiny" onClick={() => setAreas((s) => ({ ...s, stores: { ...s.stores, roles: {} } }))}>{M.stores.resetRoles}</button>}
      </div>
      <ul className="areas-roles-list" data-testid="areas-roles-list">
        {matches.length === 0 && <li className="muted">{M.stores.noPointMatch}</li>}
        {matches.slice(0, SHOWN).map((p) => {
          const role = form.roles[p.key] ?? rule[p.index];
          return (
            <li key={p.key} data-key={p.key} data-role={role}>
              <span className={`areas-dot ${role}`} />
              <span className="areas-roles-name" title={p.key}>{p.name}</span>
              {form.roles[p.key] && <span className="muted areas-roles-hand">{M.stores.byHandMark}</span>}
              <span className="segmented areas-roles-switch" role="radiogroup" aria-label={M.stores.roleOf(p.name)}>
                {(['own', 'competitor'] as const).map((r) => (
                  <button key={r} role="radio" aria-checked={role === r} className={role === r ? 'on' : ''} onClick={() => setRole(p.key, r, rule[p.index])} data-testid={`areas-role-${r}`}>
                    {r === 'own' ? M.stores.own : M.stores.competitor}
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
