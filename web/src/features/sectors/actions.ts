import type { Indicator } from '../../api/client';
import { handleError, indicatorProviders, notify } from '../../state/actions';
import { workspace } from '../../state/workspace';
import { SECTORS as M } from './messages';
import { DetailedError, sectorsApi, type PlanVersion, type RunState } from './api';
import { SECTOR_PALETTE, optimiseBody, paletteOf, sectorValues, sectorsStore, tolerancePctOf, type OptimiseForm, type SectorsState } from './slice';

export function setSectors(patch: Partial<SectorsState> | ((s: SectorsState) => SectorsState)) {
  sectorsStore.set(patch);
}
export const setForm = (v: Partial<OptimiseForm>) => setSectors((s) => ({ ...s, form: { ...s.form, ...v } }));

/** Shows a version: KPIs in the panel, communes coloured by sector on the map; the optimise form follows its bases. */
function show(v: PlanVersion) {
  const needBases = (v.kpis?.sectors ?? []).some((s) => !(s.base as { communeCode?: string | null } | null)?.communeCode || (s.base as { reason?: string | null }).reason);
  setSectors((s) => ({ ...s, planId: v.plan.id, shown: v, compare: null, compareWith: null, form: { ...s.form, chooseBases: needBases || s.form.chooseBases } }));
  showOnMap();
}

let plansAsked = false;
/** Once: the workspace's plans; the most recent one is shown. */
export async function loadPlans(force = false) {
  if (plansAsked && !force) return;
  plansAsked = true;
  setSectors({ busy: 'plans' });
  try {
    const { plans } = await sectorsApi.plans();
    setSectors({ plans });
    if (!sectorsStore.get().planId && plans[0]) await openPlan(plans[0].id);
  } catch (e) {
    plansAsked = false;
    handleError(e);
  } finally {
    if (sectorsStore.get().busy === 'plans') setSectors({ busy: null });
  }
}

export async function openPlan(id: string, version?: number) {
  setSectors({ busy: 'plan', outcome: version ? sectorsStore.get().outcome : null, infeasible: null });
  try {
    show(await sectorsApi.plan(id, version));
  } catch (e) {
    handleError(e);
  } finally {
    setSectors({ busy: null });
  }
}

/** A CSV plan: stored and shown, or its row report (nothing stored). */
export async function importPlan(file: File) {
  setSectors({ busy: 'import', importReport: null });
  try {
    const v = await sectorsApi.importPlan(file, M.importName(file.name));
    setSectors({ outcome: null, infeasible: null });
    show(v);
    notify(M.imported(v.plan.name));
    const { plans } = await sectorsApi.plans();
    setSectors({ plans });
  } catch (e) {
    const rows = e instanceof DetailedError ? e.details?.rows : undefined;
    if (e instanceof DetailedError && Array.isArray(rows)) setSectors({ importReport: { message: e.message, rows: rows as NonNullable<SectorsState['importReport']>['rows'] } });
    else handleError(e);
  } finally {
    setSectors({ busy: null });
  }
}

let polling: ReturnType<typeof setTimeout> | null = null;
const POLL_MS = 250;

/** Starts an optimisation of the shown version and follows it to its end (progress, then the new version). */
export async function optimise() {
  const s = sectorsStore.get();
  if (!s.shown || s.run) return;
  const body = optimiseBody(s.form, s.shown.version);
  if (!body) return notify(M.optimise.badTolerance);
  setSectors({ busy: 'optimise', infeasible: null, outcome: null });
  try {
    const started = await sectorsApi.optimise(s.shown.plan.id, body);
    setSectors({ run: { runId: started.runId, phaseLabel: '', progressRatio: 0 } });
    await poll(started.runId);
  } catch (e) {
    setSectors({ busy: null, run: null });
    handleError(e);
  }
}

async function poll(runId: string) {
  let r: RunState;
  try {
    r = await sectorsApi.run(runId);
  } catch (e) {
    setSectors({ busy: null, run: null });
    if (e instanceof DetailedError && e.code === 'INFEASIBLE_BALANCE') {
      const t = e.details?.tightestToleranceRatio;
      setSectors({ infeasible: { message: e.message, tightestToleranceRatio: typeof t === 'number' ? t : null } });
    } else handleError(e);
    return;
  }
  if (sectorsStore.get().run?.runId !== runId) return; // cancelled meanwhile
  if (r.status === 'running') {
    setSectors({ run: { runId, phaseLabel: r.phaseLabel, progressRatio: r.progressRatio } });
    polling = setTimeout(() => void poll(runId), POLL_MS);
    return;
  }
  setSectors({ busy: null, run: null });
  if (r.status === 'done' && r.result) {
    const x = r.result;
    setSectors({
      outcome: {
        version: x.version, movedCount: x.moved.length, gapRatio: x.solve.gapRatio ?? null, statusLabel: x.solve.statusLabel,
        before: x.balanceBefore.workloadMaxDeviationRatio, after: x.balanceAfter.workloadMaxDeviationRatio,
      },
    });
    show(x.plan);
    const { plans } = await sectorsApi.plans().catch(() => ({ plans: sectorsStore.get().plans ?? [] }));
    setSectors({ plans });
  } else if (r.status === 'cancelled') notify(M.optimise.cancelled);
}

/** « Annuler »: the run stops, nothing is saved. */
export async function cancelRun() {
  const run = sectorsStore.get().run;
  if (!run) return;
  if (polling) clearTimeout(polling);
  polling = null;
  setSectors({ run: null, busy: null });
  try {
    await sectorsApi.cancel(run.runId);
    notify(M.optimise.cancelled);
  } catch (e) {
    handleError(e);
  }
}

/** The tolerance the solver proposed, in the form, and the optimisation again. */
export function applyTightest() {
  const t = sectorsStore.get().infeasible?.tightestToleranceRatio;
  if (t === null || t === undefined) return;
  setForm({ tolerancePct: tolerancePctOf(t) });
  void optimise();
}

export async function compareWith(other: number | null) {
  setSectors({ compareWith: other, compare: null });
}

export async function runCompare() {
  const s = sectorsStore.get();
  if (!s.shown || s.compareWith === null) return;
  setSectors({ busy: 'compare' });
  try {
    const a = Math.min(s.compareWith, s.shown.version);
    const b = Math.max(s.compareWith, s.shown.version);
    setSectors({ compare: await sectorsApi.compare(s.shown.plan.id, a, b) });
  } catch (e) {
    handleError(e);
  } finally {
    setSectors({ busy: null });
  }
}

// ── map colouring: the shown version as a categorical virtual indicator (the map's choropleth and legend) ─────
const PREFIX = 'sectors:';
const MAX_LEGEND = 10;

export function showOnMap() {
  const v = sectorsStore.get().shown;
  if (!v) return;
  const palette = paletteOf(v.sectors);
  const categories = v.sectors.slice(0, MAX_LEGEND).map((s, i) => ({ color: palette[i % palette.length], label: s.name }));
  if (v.sectors.length > MAX_LEGEND) categories.push({ color: 'transparent', label: M.other(v.sectors.length - MAX_LEGEND) });
  // every commune the map was coloured for (feature-state stays until set): those outside the plan → no value
  const own = sectorValues(v);
  const inPlan = new Set(own.codes);
  const outside = (workspace.get().values?.codes ?? []).filter((c) => !inPlan.has(c));
  const codes = [...own.codes, ...outside];
  const values: (number | null)[] = [...own.values, ...outside.map(() => null)];
  const computed = !!(v.options as { computed?: boolean }).computed;
  const id = `${PREFIX}plan`;
  const indicator = {
    id, label: M.mapLabel(v.plan.name, v.version), unit: M.mapUnit, source: M.title, description: v.note ?? '', year: null, scope: 'commune',
    ...(computed ? { computed: true } : {}), noData: M.mapNoData, categories,
  } as unknown as Indicator;
  workspace.set({
    indicators: [...workspace.get().indicators.filter((i) => !i.id.startsWith(PREFIX)), indicator],
    indicatorId: id, method: 'quantile', values: { indicatorId: id, codes, values, palette: palette.length ? palette : SECTOR_PALETTE },
  });
}

indicatorProviders.push({ prefix: PREFIX, select: () => showOnMap() });
