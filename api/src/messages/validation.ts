/**
 * Validation messages (400 VALIDATION_FAILED): each request field named in words, each zod issue said in
 * French (never zod's raw English). routes/validation.ts picks the template; areas add their fields below.
 */
import { frList, frNumber, plural, quoted } from './common.js';

/** What a value must be, with the gender of the phrase ("une durée … est attendue"). */
export interface ValueWords {
  /** With its article: "une durée en minutes", "un code commune INSEE (5 caractères, ex. 35238)". */
  what: string;
  feminine?: boolean;
}

/** How a request field reads: what its value must be, or (a list) what each element must be. */
export interface FieldWords {
  value?: ValueWords;
  item?: ValueWords;
}

const f = (what: string): ValueWords => ({ what, feminine: true });
const m = (what: string): ValueWords => ({ what });
const POINT = m('un point [lon, lat] (degrés WGS84), { lon, lat } ou { communeCode } (code INSEE, ex. "35238")');

/** Field name (the last key of an issue's path) → words. Add your area's fields here. */
export const fieldWords: Record<string, FieldWords> = {
  breaksMin: { value: f('une liste de durées en minutes'), item: f('une durée en minutes') },
  origin: { value: POINT },
  sources: { value: f('une liste de points'), item: POINT },
  targets: { value: f('une liste de points'), item: POINT },
  names: { value: f('une liste de noms de communes'), item: m('un nom de commune, ex. "Saint-Denis (93)"') },
  communeCode: { value: m('un code commune INSEE (5 caractères, ex. 35238 ou 2A004)') },
  communeCodes: { value: f('une liste de codes commune'), item: m('un code commune INSEE (5 caractères, ex. 35238)') },
  communeName: { value: m('un nom de commune, ex. "Saint-Denis (93)"') },
  lon: { value: f('une longitude en degrés WGS84 (−180 à 180)') },
  lat: { value: f('une latitude en degrés WGS84 (−90 à 90)') },
  id: { value: m('un identifiant') },
  name: { value: m('un nom') },
  format: { value: m('un format de sortie') },
  decimal: { value: m('un séparateur décimal ("comma" ou "point")') },
  machineNames: { value: m('"1" pour ajouter la ligne des noms techniques') },
  bbox: { value: m('un rectangle "ouest,sud,est,nord" en degrés WGS84') },
  by: { value: m('un niveau de regroupement') },
  measure: { value: f('une mesure numérique de la couche') },
  maxMinutes: { value: f('une durée maximale en minutes') },
  year: { value: f('une année') },
  limit: { value: m('un nombre maximal de résultats') },
  q: { value: m('un texte à chercher') },
  departement: { value: m('un code de département (ex. 35, 2A, 974)') },
  dataset: { value: m('un jeu de flux') },
  layerId: { value: m('un identifiant de couche (GET /api/layers)') },
  zones: { value: f('une liste de zones') },
  polygon: { value: m('un polygone GeoJSON') },
  geometry: { value: f('une géométrie GeoJSON') },
};

/** French words of the types zod names in `expected`. */
const TYPE_WORDS: Record<string, ValueWords> = {
  number: m('un nombre'),
  int: m('un nombre entier'),
  string: m('un texte'),
  boolean: m('un booléen (true ou false)'),
  array: f('une liste'),
  object: m('un objet'),
  tuple: f('une liste'),
  date: f('une date'),
};

export const typeWords = (expected: string | undefined): ValueWords => TYPE_WORDS[expected ?? ''] ?? m('une valeur valide');

const expectedWord = (w: ValueWords) => (w.feminine ? 'attendue' : 'attendu');
const value = (v: unknown) => (typeof v === 'number' ? frNumber(v) : quoted(v));

/** The templates (field = the path as written in the request, e.g. "breaksMin[1]"). */
export const validation = {
  /** "breaksMin[1] : une durée en minutes est attendue" (a value missing or null). */
  missing: (field: string, w: ValueWords) => `${field} : ${w.what} est ${expectedWord(w)}`,
  /** "breaksMin[0] : « abc » n'est pas une durée en minutes". */
  notA: (field: string, input: unknown, w: ValueWords) => `${field} : ${quoted(input)} n’est pas ${w.what}`,
  tooSmallNumber: (field: string, input: unknown, min: number, inclusive: boolean) =>
    `${field} : ${value(input)} est trop petit (${inclusive ? `minimum ${frNumber(min)}` : `doit être plus grand que ${frNumber(min)}`})`,
  tooBigNumber: (field: string, input: unknown, max: number, inclusive: boolean) =>
    `${field} : ${value(input)} est trop grand (${inclusive ? `maximum ${frNumber(max)}` : `doit être plus petit que ${frNumber(max)}`})`,
  tooFewItems: (field: string, min: number) => `${field} : il faut au moins ${plural(min, 'valeur')}`,
  tooManyItems: (field: string, max: number, got?: number) => `${field} : ${plural(max, 'valeur')} au plus${got === undefined ? '' : ` (${frNumber(got)} reçues)`}`,
  emptyText: (field: string) => `${field} : ne doit pas être vide`,
  tooShortText: (field: string, min: number) => `${field} : au moins ${plural(min, 'caractère')}`,
  tooLongText: (field: string, max: number) => `${field} : ${plural(max, 'caractère')} au plus`,
  notOneOf: (field: string, input: unknown, values: readonly unknown[]) =>
    `${field} : ${quoted(input)} n’est pas une valeur possible (valeurs possibles : ${frList(values.map((v) => String(v)), 'ou')})`,
  unknownFields: (field: string, keys: readonly string[]) => `${field} : ${keys.length > 1 ? 'champs inconnus' : 'champ inconnu'} ${frList(keys.map((k) => quoted(k)))}`,
  notMultipleOf: (field: string, divisor: number) => `${field} : doit être un multiple de ${frNumber(divisor)}`,
  invalid: (field: string) => `${field} : valeur non valide`,
  /** Target names when the issue is about the whole body / query. */
  wholeTarget: { json: 'le corps JSON', query: 'les paramètres de l’URL', param: 'le chemin', form: 'le formulaire' } as Record<string, string>,
  /** The field as a user reads it when a route parses by hand ("from" of GET /route). */
  lonLatText: (field: string, text: string) => `${field} : « ${text} » n’est pas un point "lon,lat" en degrés WGS84 (ex. 2.35,48.85)`,
};
