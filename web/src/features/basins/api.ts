import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, call } from '../../api/client';

/**
 * The healthcare-basins API (api/src/routes/basins.ts, basins-flows.ts) through the typed client: request bodies and
 * payloads are inferred from the routes, so a change of shape there fails the type check here.
 */
const basins = api.basins;

export type AccessibilityBody = InferRequestType<typeof basins.accessibility.$post>['json'];
export type SupplyBody = AccessibilityBody['supply'];
export type DecayBody = NonNullable<AccessibilityBody['decay']>;
export type NearestBody = InferRequestType<typeof basins.nearest.$post>['json'];
export type ActorsBody = NearestBody['actors'];
export type FlowsBody = InferRequestType<typeof basins.flows.$post>['json'];
export type FlowsCompareBody = InferRequestType<typeof basins.flows.compare.$post>['json'];
export type FlowUnitBody = FlowsBody['unit'];

export type BasinSources = InferResponseType<typeof basins.sources.$get, 200>;
export type AccessibilityResult = InferResponseType<typeof basins.accessibility.$post, 200>;
export type NearestResult = InferResponseType<typeof basins.nearest.$post, 200>;
export type FlowsResult = InferResponseType<typeof basins.flows.$post, 200>;
export type FlowBasin = FlowsResult['basins'][number];
export type FlowsCompareResult = InferResponseType<typeof basins.flows.compare.$post, 200>;

export const basinsApi = {
  sources: () => call(basins.sources.$get()),
  accessibility: (json: AccessibilityBody) => call(basins.accessibility.$post({ json })),
  nearest: (json: NearestBody) => call(basins.nearest.$post({ json })),
  flows: (json: FlowsBody) => call(basins.flows.$post({ json })),
  compareFlows: (json: FlowsCompareBody) => call(basins.flows.compare.$post({ json })),
  /** The indicator list again (a saved accessibility is a computed indicator of the registry). */
  indicators: () => call(api.indicators.$get()),
};
