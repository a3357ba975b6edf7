import type { CommuneProfile as Profile } from '../api/client';
import { AgeBars, ProfileFigure, QualityBadge } from '../features/zones';
import type { ProfileIndicator } from '../features/zones/types';
import { COMMUNE } from '../lib/messages/commune';

/** Figures already in the sheet's key figures (population, area, density): not repeated. */
const IN_KEY_FIGURES = new Set(['population', 'area', 'density']);

/** The registry source of a figure, from its id (the registry's prefixes: insee_, filosofi_, age_, eurostat_, health_, layer:). */
export function figureGroup(id: string): string {
  if (id.startsWith('layer:')) return 'layers';
  const prefix = id.split('_')[0];
  return ['insee', 'filosofi', 'age', 'eurostat', 'health'].includes(prefix) ? prefix : 'territory';
}

/**
 * The commune's INSEE description (GET /api/communes/:code/profile, the zone profile of a one-commune zone):
 * each figure with unit, source, year, coverage (Filosofi's statistical secret shows as « pas de donnée », never 0),
 * « estimé » / « approché » badges, and an index against the commune's département.
 */
export function CommuneProfile({ profile }: { profile: Profile | null }) {
  if (!profile) return <p className="muted small" aria-busy="true">{COMMUNE.profileLoading}</p>;
  const groups = new Map<string, ProfileIndicator[]>();
  for (const i of profile.indicators as ProfileIndicator[]) {
    if (IN_KEY_FIGURES.has(i.id)) continue;
    const g = figureGroup(i.id);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  }
  const { ageBands, reference } = profile;
  return (
    <details className="commune-profile" open data-testid="commune-profile">
      <summary className="small"><strong>{COMMUNE.profileTitle}</strong> <span className="muted tiny">· {COMMUNE.reference(reference.name)}</span></summary>
      {[...groups].map(([g, figures]) => (
        <div key={g} className="commune-profile-group" data-group={g}>
          <div className="eyebrow">{COMMUNE.groups[g] ?? g}</div>
          {g === 'age' && ageBands.bands.length > 0 && (
            <div className="zone-ages">
              <div className="zone-ages-title small">
                {COMMUNE.ageTitle} {ageBands.estimated && <QualityBadge quality="estimated" />}
              </div>
              <AgeBars bands={ageBands.bands} referenceName={reference.name} testId="commune-age-pyramid" />
              <div className="muted tiny">
                <span className="age-key zone" /> {COMMUNE.ageLegendCommune} <span className="age-key ref" /> {COMMUNE.ageLegendRef(reference.name)}
                {ageBands.note ? ` · ${ageBands.note}` : ''}
              </div>
            </div>
          )}
          <ul className="zone-figures">
            {figures.map((i) => <ProfileFigure key={i.id} indicator={i} />)}
          </ul>
        </div>
      ))}
    </details>
  );
}
