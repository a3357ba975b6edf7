/**
 * The one rule for INSEE COG codes: routes validate with it, the domain parses with it. Codes are upper case
 * ("2A004"); inputs that may be typed in lower case are upper-cased first, or tested with the ANY_CASE form.
 */

/** Commune: 5 characters, digits with 2A/2B for Corsica (48095, 2A004, 97411, 98735): the shape the communes table checks. */
export const COMMUNE_CODE_RE = /^[0-9][0-9AB][0-9]{3}$/;
/** The same rule, letters in either case ("2a004"): for inputs upper-cased after validation. */
export const COMMUNE_CODE_ANY_CASE_RE = new RegExp(COMMUNE_CODE_RE.source, 'i');

/**
 * Département: two digits (01–95), 2A, 2B, and the overseas codes of the territory data: DROM 971–976 and the
 * collectivities 975, 977, 978, 984, 986–989 (whose communes are listed too, without outline).
 */
export const DEPARTEMENT_CODE_RE = /^([0-9]{2}|2A|2B|97[1-8]|98[46-9])$/;

export function isCommuneCode(code: string): boolean {
  return COMMUNE_CODE_RE.test(code);
}

export function isDepartementCode(code: string): boolean {
  return DEPARTEMENT_CODE_RE.test(code);
}
