import { useState, type ReactNode } from 'react';
import { BASINS as M, type BasinTab } from '../../lib/messages/basins';
import { parseDepartements } from '../areas/slice';
import { openSavedProfile } from './actions';
import { basinsStore } from './slice';

/** « calculé » / « modélisé » / « synthétique » badges next to the figures they qualify. */
export function Labels({ qualities }: { qualities: (string | false | null | undefined)[] }) {
  const shown = [...new Set(qualities.filter((q): q is string => !!q && q in M.labels))];
  if (!shown.length) return null;
  return (
    <span className="basins-labels">
      {shown.map((q) => (
        <span key={q} className={`badge quality ${q}`} title={M.labelTitles[q]} data-testid={`basins-label-${q}`}>{M.labels[q]}</span>
      ))}
    </span>
  );
}

export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`basins-field${wide ? ' wide' : ''}`}>
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A number input that keeps what is typed (empty → null for optional fields). */
export function NumberInput({ value, onChange, min, max, step, testId, label, optional }: {
  value: number | null; onChange(v: number | null): void; min?: number; max?: number; step?: number; testId?: string; label: string; optional?: boolean;
}) {
  return (
    <input
      type="number" className="basins-num" value={value ?? ''} min={min} max={max} step={step} aria-label={label} data-testid={testId}
      onChange={(e) => onChange(e.target.value === '' ? (optional ? null : 0) : Number(e.target.value))}
    />
  );
}

/** The tab's « Calculer » button (busy while a request runs). */
export function ComputeButton({ tab, onClick }: { tab: BasinTab; onClick(): void }) {
  const busy = basinsStore.use((s) => s.busy);
  return (
    <button className="toggle on basins-compute" onClick={onClick} disabled={busy !== null} data-testid={`basins-compute-${tab}`}>
      {busy === tab ? M.computing : M.compute}
    </button>
  );
}

/** FINESS categories (none ticked: all) and départements, for a supply or an actor set. */
export function FinessFilter({ categories, ticked, departementsText, onChange, testId }: {
  categories: { code: string; label: string; count: number }[]; ticked: string[]; departementsText: string;
  onChange(v: { finessCategories?: string[]; finessDepartementsText?: string }): void; testId: string;
}) {
  const bad = parseDepartements(departementsText) === null;
  const on = new Set(ticked);
  return (
    <div className="basins-finess" data-testid={testId}>
      <Field label={M.supply.departements}>
        <input value={departementsText} onChange={(e) => onChange({ finessDepartementsText: e.target.value })} aria-invalid={bad} data-testid={`${testId}-departements`} />
      </Field>
      {bad && <p className="notice tiny">{M.supply.badDepartements}</p>}
      <div className="basins-values small" role="group" aria-label={M.supply.categories}>
        <span className="basins-label">{M.supply.categories}</span>
        {categories.map((c) => (
          <label key={c.code} className="basins-check">
            <input type="checkbox" checked={on.has(c.code)} onChange={(e) => onChange({ finessCategories: e.target.checked ? [...ticked, c.code] : ticked.filter((x) => x !== c.code) })} />
            {c.label} <span className="muted tiny">({c.count.toLocaleString('fr-FR')})</span>
          </label>
        ))}
      </div>
    </div>
  );
}

/** « Enregistrer… »: a name (and options), then the tab's computation runs again with `save`; what was saved is listed. */
export function SaveForm({ tab, button, what, onSave, options }: { tab: BasinTab; button: string; what: string; onSave(name: string): Promise<void>; options?: ReactNode }) {
  const [name, setName] = useState<string | null>(null);
  const busy = basinsStore.use((s) => s.busy !== null);
  return (
    <div className="basins-save small">
      {name === null ? (
        <button className="toggle" onClick={() => setName(M.save.defaultName(what))} data-testid={`basins-save-${tab}`}>{button}</button>
      ) : (
        <form className="basins-save-form" onSubmit={(e) => (e.preventDefault(), void onSave(name.trim()).then(() => setName(null)))}>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label={button} data-testid={`basins-save-name-${tab}`} />
          {options}
          <button className="toggle on" type="submit" disabled={busy || !name.trim()}>{M.save.ok}</button>
          <button className="link" type="button" onClick={() => setName(null)}>{M.save.cancel}</button>
        </form>
      )}
      <Saved tab={tab} />
    </div>
  );
}

/** What the tab saved: the indicator (now in the map's chooser), the zones with their profile. */
function Saved({ tab }: { tab: BasinTab }) {
  const saved = basinsStore.use((s) => (s.saved?.tab === tab ? s.saved : null));
  if (!saved) return null;
  return (
    <div className="basins-saved" role="status" data-testid={`basins-saved-${tab}`}>
      {saved.indicator && <p>{M.access.saved(saved.indicator.label)}</p>}
      {saved.zones.length > 0 && (
        <>
          <p>{M.flows.saved(saved.zones.length)}</p>
          <ul>
            {saved.zones.slice(0, 12).map((z) => (
              <li key={z.id}>
                {z.name} <button className="link" onClick={() => void openSavedProfile(z.id)} data-testid="basins-saved-profile">{M.flows.profile}</button>
              </li>
            ))}
          </ul>
          {saved.zones.length > 12 && <p className="muted tiny">{M.flows.moreZones(saved.zones.length - 12)}</p>}
        </>
      )}
    </div>
  );
}

/** A long list shows its first rows, then « Voir les N ». */
export function MoreRows({ total, shown, all, onToggle }: { total: number; shown: number; all: boolean; onToggle(): void }) {
  if (total <= shown && !all) return null;
  return <button className="link tiny" onClick={onToggle}>{all ? M.seeLess : M.seeAll(total)}</button>;
}
