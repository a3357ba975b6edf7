import { useState, type ReactNode } from 'react';
import { AREAS as M, int, type AreaTab } from '../../lib/messages/areas';
import { areasStore } from './slice';
import { compute, openSavedProfile, saveAsZones } from './actions';

/** « synthétique » / « modélisé » badges next to the figures they qualify. */
export function Labels({ synthetic, modelled }: { synthetic: boolean; modelled: boolean }) {
  if (!synthetic && !modelled) return null;
  return (
    <span className="areas-labels">
      {synthetic && <span className="badge quality synthetic" title={M.labelTitles.synthetic} data-testid="areas-label-synthetic">{M.labels.synthetic}</span>}
      {modelled && <span className="badge quality modelled" title={M.labelTitles.modelled} data-testid="areas-label-modelled">{M.labels.modelled}</span>}
    </span>
  );
}

interface OffNetworkReport {
  stores: { key: string; reason: string }[];
  communeCount: number;
  communeReason: string;
}

/** Stores and communes the road network does not reach: listed with the reason, never given a time. */
export function OffNetwork({ report, names }: { report: OffNetworkReport; names: Map<string, string> }) {
  return (
    <>
      {report.stores.length > 0 && (
        <details className="areas-off small" data-testid="areas-off-network">
          <summary>{M.offNetwork.title(report.stores.length)}</summary>
          <ul>
            {report.stores.slice(0, 100).map((s) => <li key={s.key}>{names.get(s.key) ?? s.key} — {s.reason}</li>)}
          </ul>
        </details>
      )}
      {report.communeCount > 0 && <p className="muted tiny">{M.offNetwork.communes(report.communeCount, report.communeReason)}</p>}
    </>
  );
}

/** « Enregistrer comme zones »: a name, then the tab's computation runs again with `save`; the saved zones are listed with their profile. */
export function SaveAsZones({ tab, what, hint, stores, allLabel }: { tab: AreaTab; what: string; hint?: string; stores: { key: string; name: string; role: string; offNetworkReason?: string | null }[]; allLabel: string }) {
  const [name, setName] = useState<string | null>(null);
  const [storeKey, setStoreKey] = useState('');
  const saved = areasStore.use((s) => (s.saved?.tab === tab ? s.saved : null));
  const busy = areasStore.use((s) => s.busy === tab);
  return (
    <div className="areas-save small">
      {name === null ? (
        <button className="toggle" onClick={() => setName(M.save.defaultName(what))} data-testid="areas-save">{M.save.button}</button>
      ) : (
        <form className="areas-save-form" onSubmit={(e) => (e.preventDefault(), void saveAsZones(tab, name.trim(), storeKey || undefined).then(() => setName(null)))}>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label={M.save.name} data-testid="areas-save-name" />
          <select value={storeKey} onChange={(e) => setStoreKey(e.target.value)} aria-label={M.save.which} data-testid="areas-save-store">
            <option value="">{allLabel}</option>
            {stores.filter((s) => !s.offNetworkReason).map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </select>
          <button className="toggle on" type="submit" disabled={busy || !name.trim()}>{M.save.ok}</button>
          <button className="link" type="button" onClick={() => setName(null)}>{M.save.cancel}</button>
          {hint && !storeKey && <p className="muted tiny">{hint}</p>}
        </form>
      )}
      {saved && (
        <div className="areas-saved" role="status" data-testid="areas-saved">
          {M.save.saved(saved.zones.length)}
          <ul>
            {saved.zones.map((z) => (
              <li key={z.id}>
                {z.name} <button className="link" onClick={() => void openSavedProfile(z.id)} data-testid="areas-saved-profile">{M.save.profile}</button>
              </li>
            ))}
          </ul>
          {saved.layerName && <p className="muted tiny">{M.save.layer(saved.layerName)}</p>}
          {saved.skippedEmpty.length > 0 && <p className="muted tiny">{M.save.skipped(saved.skippedEmpty)}</p>}
        </div>
      )}
    </div>
  );
}

/** The tab's « Calculer » button (busy while its request runs). */
export function ComputeButton({ tab, label = M.compute }: { tab: AreaTab; label?: string }) {
  const busy = areasStore.use((s) => s.busy);
  return (
    <button className="toggle on" onClick={() => void compute(tab)} disabled={busy !== null} data-testid={`areas-compute-${tab}`}>
      {busy === tab ? M.computing : label}
    </button>
  );
}

/** A long table shows its first rows, then « Voir les N ». */
export function MoreRows({ total, shown, all, onToggle }: { total: number; shown: number; all: boolean; onToggle(): void }) {
  if (total <= shown && !all) return null;
  return <button className="link tiny" onClick={onToggle}>{all ? M.seeLess : M.seeAll(total)}</button>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="areas-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export const storeNames = (rows: readonly { key: string; name: string }[]) => new Map(rows.map((r) => [r.key, r.name]));
export const cutoffInput = (value: number, set: (v: number) => void) => (
  <Field label={M.cutoff}>
    <input type="number" min={5} max={180} step={5} value={value} onChange={(e) => set(Number(e.target.value) || 90)} className="areas-num" />
  </Field>
);
export { int };
