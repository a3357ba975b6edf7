import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, call, ApiRequestError } from '../../api/client';
import type { KpisBody } from '../../../../api/src/services/sectors-kpis';

/**
 * The sales-sectors API (api/src/routes/sectors.ts) through the typed client: bodies and payloads are inferred from
 * the routes. The import (multipart) and the optimisation run keep the error's `details` (row report, tightest
 * tolerance), which `call` drops: they go through `callDetailed`.
 */
const sectors = api.sectors;

export type PlanList = InferResponseType<typeof sectors.plans.$get, 200>;
export type PlanSummary = PlanList['plans'][number];
/** The route's `kpis` is typed `unknown` (it may come precomputed): the KPI body's own type, null for an empty plan. */
export type Kpis = KpisBody;
export type PlanVersion = Omit<InferResponseType<(typeof sectors.plans)[':id']['$get'], 200>, 'kpis'> & { kpis: Kpis | null };
export type SectorKpi = Kpis['sectors'][number];
export type OptimiseBody = InferRequestType<(typeof sectors.plans)[':id']['optimise']['$post']>['json'];
export type CompareResult = InferResponseType<(typeof sectors.plans)[':id']['compare']['$get'], 200>;

/** An optimisation run as GET /optimisations/:runId answers it (the result once done). */
export interface RunState {
  runId: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  phase: string;
  phaseLabel: string;
  progressRatio: number;
  note?: string;
  result?: {
    version: number;
    fromVersion: number;
    moved: { communeCode: string; name: string; fromSectorKey: string | null; toSectorKey: string }[];
    balanceBefore: Kpis['balance'];
    balanceAfter: Kpis['balance'];
    solve: { method: string; status: string; statusLabel: string; gapRatio: number | null; movedCount: number };
    plan: PlanVersion;
  };
}

/** An API error with its details (row report, tightest feasible tolerance…). */
export class DetailedError extends ApiRequestError {
  constructor(status: number, code: string, message: string, readonly details: Record<string, unknown> | null) {
    super(status, code, message);
  }
}

async function callDetailed<T>(request: Promise<Response>): Promise<T> {
  const res = await request;
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string; details?: Record<string, unknown> } }) | null;
  if (!res.ok) throw new DetailedError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details ?? null);
  return body as T;
}

export const sectorsApi = {
  plans: () => call(sectors.plans.$get()),
  plan: (id: string, version?: number) => call(sectors.plans[':id'].$get({ param: { id }, query: version ? { version: String(version) } : {} })) as Promise<PlanVersion>,
  /** multipart: the CSV file and the plan's name; a 422 carries the row report. */
  importPlan: (file: File, name: string) => {
    const form = new FormData();
    form.set('file', file);
    form.set('name', name);
    return callDetailed<PlanVersion>(fetch(sectors.plans.import.$url().toString(), { method: 'POST', body: form }));
  },
  optimise: (id: string, json: OptimiseBody) => call(sectors.plans[':id'].optimise.$post({ param: { id }, json })),
  run: (runId: string) => callDetailed<RunState>(fetch(sectors.optimisations[':runId'].$url({ param: { runId } }).toString())),
  cancel: (runId: string) => call(sectors.optimisations[':runId'].$delete({ param: { runId } })),
  compare: (id: string, a: number, b: number) => call(sectors.plans[':id'].compare.$get({ param: { id }, query: { a: String(a), b: String(b) } })),
  /** The CSV export's address (a plain link: the browser downloads it). */
  exportUrl: (id: string, version: number) => sectors.plans[':id']['export.csv'].$url({ param: { id }, query: { version: String(version) } }).toString(),
};
