/**
 * The one code rule on the web: the API's (api/src/domain/territory/codes.ts, pure, no I/O) re-exported, so the
 * URL, the matrix lists and the zone code lists accept exactly what the API accepts: communes 5 characters with
 * 2A/2B (2A004) and the overseas 97x/98x communes (97411, 98735); départements 01–95, 2A, 2B, 971–978, 984, 986–989.
 */
import { COMMUNE_CODE_ANY_CASE_RE, COMMUNE_CODE_RE, DEPARTEMENT_CODE_RE, isCommuneCode, isDepartementCode } from '../../../api/src/domain/territory/codes';

export { COMMUNE_CODE_ANY_CASE_RE, COMMUNE_CODE_RE, DEPARTEMENT_CODE_RE, isCommuneCode, isDepartementCode };

/** Région: two digits (INSEE code of the région, e.g. 11, 76, 94, 01–06 overseas). */
export const REGION_CODE_RE = /^[0-9]{2}$/;
export const isRegionCode = (code: string) => REGION_CODE_RE.test(code);

/** A line of commune codes separated by spaces ("78646 78551", either case): split into codes, not read as one name. */
const CODE_SOURCE = COMMUNE_CODE_RE.source.replace(/^\^|\$$/g, '');
export const COMMUNE_CODE_LIST_RE = new RegExp(`^${CODE_SOURCE}(\\s+${CODE_SOURCE})+$`, 'i');
