import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, call } from '../../api/client';

/**
 * The trade-areas API (api/src/routes/areas.ts) through the typed client: request bodies and payloads are inferred
 * from the routes, so a change of shape there fails the type check here.
 */
const areas = api.areas;

export type StoresBody = InferRequestType<typeof areas.huff.$post>['json']['stores'];
export type HuffBody = InferRequestType<typeof areas.huff.$post>['json'];
export type HuffParams = HuffBody['params'];
export type DemandBody = NonNullable<HuffBody['demand']>;
export type CalibrateBody = InferRequestType<typeof areas.calibrate.$post>['json'];
export type DriveTimeBody = InferRequestType<(typeof areas)['drive-time']['$post']>['json'];
export type CustomerBody = InferRequestType<typeof areas.customer.$post>['json'];
export type WhatIfBody = InferRequestType<(typeof areas)['what-if']['$post']>['json'];
export type WhatIfChange = WhatIfBody['changes'][number];

export type HuffResult = InferResponseType<typeof areas.huff.$post, 200>;
export type CalibrateResult = InferResponseType<typeof areas.calibrate.$post, 200>;
export type DriveTimeResult = InferResponseType<(typeof areas)['drive-time']['$post'], 200>;
export type CustomerResult = InferResponseType<typeof areas.customer.$post, 200>;
export type WhatIfResult = InferResponseType<(typeof areas)['what-if']['$post'], 200>;
export type Scenario = InferResponseType<typeof areas.scenarios.$get, 200>['scenarios'][number];
export type CalibrationFit = CalibrateResult['fits']['ml'];

export type StoresPreview = InferResponseType<typeof areas.stores.$post, 200>;

export const areasApi = {
  /** The points of sale a request would use (FINESS sites listed before a first result, for the roles by hand). */
  stores: (stores: StoresBody) => call(areas.stores.$post({ json: { stores } })),
  huff: (json: HuffBody) => call(areas.huff.$post({ json })),
  calibrate: (json: CalibrateBody) => call(areas.calibrate.$post({ json })),
  driveTime: (json: DriveTimeBody) => call(areas['drive-time'].$post({ json })),
  customer: (json: CustomerBody) => call(areas.customer.$post({ json })),
  whatIf: (json: WhatIfBody) => call(areas['what-if'].$post({ json })),
  scenarios: () => call(areas.scenarios.$get()),
  saveScenario: (name: string, request: Omit<WhatIfBody, 'save'>, summary: Record<string, unknown>) =>
    call(areas.scenarios.$post({ json: { name, request, summary } })),
  /** A layer's points (the store layer: its keys, names, categories and measures, for the role column's values). */
  features: (id: string) => call(api.layers[':id'].features.$get({ param: { id }, query: { limit: '20000' } })),
};
