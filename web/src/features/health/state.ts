import { api, call } from '../../api/client';
import type { InferResponseType } from 'hono/client';
import { handleError } from '../../state/actions';
import { defineSlice, workspace } from '../../state/workspace';
import { healthZoneStore } from './zones-state';

export type HealthActor = InferResponseType<typeof api.health.actors.$get, 200>['actors'][number];
export type HealthActorSheet = InferResponseType<(typeof api.health.actors)[':finess']['$get'], 200>;
export type HealthZones = InferResponseType<typeof api.health.zones.$get, 200>;
export type HealthAttractiveness = InferResponseType<(typeof api.health.establishments)[':finess']['attractiveness']['$get'], 200>;
export type HealthCompetitors = InferResponseType<(typeof api.health.actors)[':finess']['competitors']['$get'], 200>;

/** Competitors of the open site: other sites within maxMinutes by drive time (API: /actors/:finess/competitors). */
/** Which sites count as competitors: MCO sites only (default) or every site of the FINESS file. */
export type CompetitorActivity = 'mco' | 'all';

export interface CompetitorsState {
  maxMinutes: number;
  activity: CompetitorActivity;
  data: HealthCompetitors | null;
  /** Why there is no list (no road network, site off the network…), in the API's words. */
  error: string | null;
  busy: boolean;
}

/** Healthcare actors feature (layers.ts, Panel.tsx): its slice `health` of the one store. */
export interface HealthState {
  visible: boolean;
  actors: HealthActor[] | null;
  selected: string | null;
  sheet: HealthActorSheet | null;
  attractiveness: HealthAttractiveness | null;
  busy: boolean;
  /** PMSI code géo outlines of the view when the zones layer is on. */
  zones: HealthZones | null;
  competitors: CompetitorsState;
}

export const DEFAULT_COMPETITOR_MINUTES = 30;
const noCompetitors = (maxMinutes = DEFAULT_COMPETITOR_MINUTES, activity: CompetitorActivity = 'mco'): CompetitorsState => ({ maxMinutes, activity, data: null, error: null, busy: false });

export const healthStore = defineSlice('health', {
  visible: false, actors: null, selected: null, sheet: null, attractiveness: null, busy: false, zones: null, competitors: noCompetitors(),
});

/** Sets the slice; the map redraws its deck.gl layers from the one store. */
export const setHealth = (patch: Partial<HealthState>) => healthStore.set(patch);

export async function showHospitals(visible: boolean) {
  setHealth({ visible });
  if (!visible || healthStore.get().actors) return;
  try {
    setHealth({ busy: true });
    setHealth({ actors: (await call(api.health.actors.$get({ query: {} }))).actors });
  } catch (e) {
    handleError(e);
  } finally {
    setHealth({ busy: false });
  }
}

export async function openActor(finess: string) {
  const { maxMinutes, activity } = healthStore.get().competitors;
  setHealth({ selected: finess, sheet: null, attractiveness: null, busy: true, competitors: noCompetitors(maxMinutes, activity) });
  try {
    const sheet = await call(api.health.actors[':finess'].$get({ param: { finess } }));
    setHealth({ sheet });
    if (sheet.competitors.available) void loadCompetitors(finess, maxMinutes, activity);
    const ej = sheet.establishments.find((e) => e.activity.length)?.finess;
    if (ej) {
      const dataset = healthZoneStore.get().datasetId;
      const attractiveness = await call(api.health.establishments[':finess'].attractiveness.$get({ param: { finess: ej }, query: { dataset } })).catch(() => null);
      if (healthStore.get().selected === finess) setHealth({ attractiveness });
    }
  } catch (e) {
    handleError(e);
  } finally {
    setHealth({ busy: false });
  }
}

export const closeActor = () => setHealth({ selected: null, sheet: null, attractiveness: null, competitors: noCompetitors(healthStore.get().competitors.maxMinutes, healthStore.get().competitors.activity) });

/** Other sites within maxMinutes of the open site by drive time; an API refusal (no network…) is shown in the sheet. */
let competitorRequest = 0;
export async function loadCompetitors(finess: string, maxMinutes: number, activity: CompetitorActivity = healthStore.get().competitors.activity) {
  const request = ++competitorRequest; // only the latest request may answer (a slower earlier N must not overwrite it)
  setHealth({ competitors: { ...healthStore.get().competitors, maxMinutes, activity, busy: true, error: null } });
  const latest = () => request === competitorRequest && healthStore.get().selected === finess;
  try {
    const data = await call(api.health.actors[':finess'].competitors.$get({ param: { finess }, query: { maxMinutes: String(maxMinutes), activity } }));
    if (latest()) setHealth({ competitors: { maxMinutes, activity, data, error: null, busy: false } });
  } catch (e) {
    if (latest()) setHealth({ competitors: { maxMinutes, activity, data: null, error: e instanceof Error ? e.message : String(e), busy: false } });
  }
}

/** A user correction of a site ↔ establishment link (stored as an override; survives re-running the linkage). */
export async function correctLink(ej: string, et: string, linked: boolean) {
  try {
    await call(api.health.links.overrides.$put({ json: { ej, et, linked, note: linked ? 'linked by hand' : 'unlinked by hand' } }));
    const selected = healthStore.get().selected;
    setHealth({ actors: null });
    if (healthStore.get().visible) await showHospitals(true);
    if (selected) await openActor(selected);
  } catch (e) {
    handleError(e);
  }
}

/** Shows (or hides) the PMSI code géo outlines of the current view (at most 2,000 zones: zoom in for more). */
export async function showPmsiZones(on: boolean) {
  if (!on) return setHealth({ zones: null });
  const b = workspace.get().view?.bounds;
  if (!b) return;
  try {
    setHealth({ zones: await call(api.health.zones.$get({ query: { bbox: b.map((v) => v.toFixed(4)).join(','), limit: '2000' } })) });
  } catch (e) {
    handleError(e);
  }
}
