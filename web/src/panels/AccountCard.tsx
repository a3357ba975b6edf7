import { LOCATED_VIA_LABEL, PRECISION_LABEL } from '../features/layers/import-labels';
import { MAP_MESSAGES, fieldLabel } from '../lib/messages/map';
import { layersStore, setLayers } from '../features/layers/state';
import { workspace } from '../state/workspace';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** Commune name from the map's label data (every commune with a point), or null while it loads. */
function useCommuneName(code: string | null | undefined): string | null {
  return workspace.use((s) => (code ? (s.labels?.communes.find((c) => c.code === code)?.name ?? null) : null));
}

/** The selected account (a point of a data layer), shown in a popup next to its point: commune by name, fields in words. */
export function AccountCard() {
  const { selected, layers } = layersStore.use((s) => s);
  const communeName = useCommuneName(selected?.feature.communeCode);
  if (!selected) return null;
  const f = selected.feature;
  const layer = layers?.find((l) => l.id === selected.layerId);
  const units = new Map(((layer?.measures ?? []) as { name: string; unit?: string }[]).map((m) => [m.name, m.unit]));
  const commune = f.communeCode ? (communeName ? `${communeName} (${f.communeCode})` : f.communeCode) : '—';
  const located = `${LOCATED_VIA_LABEL[f.locatedVia] ?? f.locatedVia} (${PRECISION_LABEL[f.precision] ?? f.precision})`;
  return (
    <div className="account-card" data-testid="account-card" aria-label={MAP_MESSAGES.accountLabel(f.name ?? f.key)}>
      <div className="eyebrow">
        {layer?.name}
        {layer?.synthetic ? ` · ${MAP_MESSAGES.synthetic}` : ''}
      </div>
      <strong>{f.name ?? f.key}</strong>
      <div className="small" data-testid="account-commune">{commune}</div>
      <dl className="tiny">
        <div><dt>{MAP_MESSAGES.accountKey}</dt><dd>{f.key}</dd></div>
        <div><dt>{MAP_MESSAGES.accountCategory}</dt><dd>{f.category ?? '—'}</dd></div>
        {Object.entries((f.measures ?? {}) as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{fieldLabel(k, units.get(k))}</dt>
            <dd>{typeof v === 'number' ? number.format(v) : String(v ?? '—')}</dd>
          </div>
        ))}
      </dl>
      <div className="muted tiny">{MAP_MESSAGES.accountLocated} {located}</div>
      <button className="link small" onClick={() => setLayers({ selected: null })}>
        {MAP_MESSAGES.close}
      </button>
    </div>
  );
}
