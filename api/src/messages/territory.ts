/** Messages of the territory routes (communes, départements, search, tiles, indicators), in French. */
import { frList, quoted } from './common.js';
import { communeLabel, type NamedCommune } from '../domain/territory/commune-names.js';

const MAX_LISTED = 8;
const candidate = (c: NamedCommune) => `${communeLabel(c)} — ${c.departementName}`;
const listed = (cs: readonly NamedCommune[]) => frList(cs.slice(0, MAX_LISTED).map(candidate)) + (cs.length > MAX_LISTED ? ` et ${cs.length - MAX_LISTED} autres` : '');

export const territory = {
  departementNotFound: (code: string) => `Aucun département ${code} dans le COG 2026 : vérifiez le code (ex. 78, 2A, 974).`,
  invalidCommuneCode: (raw: string) => `${quoted(raw)} n’est pas un code commune INSEE : 5 caractères, des chiffres, avec 2A/2B pour la Corse (ex. 48095, 2A004).`,
  communeReplaced: (code: string, oldName: string, by: readonly { code: string; name: string }[]) =>
    `${code} (${oldName}) n’est plus un code commune du COG 2026 : utilisez ${frList(by.map((r) => `${r.code} ${r.name}`), 'ou')}.`,
  communeNotFound: (code: string) => `Aucune commune ${code} dans le COG 2026, ni parmi les anciens codes : vérifiez le code, ou cherchez la commune par son nom.`,
  bboxOrDepartementRequired: () => 'indiquez bbox (ouest,sud,est,nord) ou departement',
  searchEmpty: () => 'tapez au moins un caractère',
  tilePath: (y: string) => `Tuile invalide : le chemin doit finir par {y}.pbf ; reçu ${quoted(y)}.`,
  tileZoom: (max: number, z: number) => `Tuile invalide : le zoom est un entier de 0 à ${max} ; reçu ${z}.`,
  tileXY: (max: number, z: number, x: number, y: number) => `Tuile invalide : x et y sont des entiers de 0 à ${max} au zoom ${z} ; reçu x=${x}, y=${y}.`,
  unknownTileLayer: (layer: string, known: readonly string[]) => `Couche de tuiles inconnue ${quoted(layer)} : couches disponibles : ${known.join(', ')}.`,
  /** « Saint-Denis » is several communes: the candidates with their département, and how to pick one. */
  ambiguousName: (input: string, candidates: readonly NamedCommune[]) =>
    `${quoted(input)} désigne ${candidates.length} communes : ${listed(candidates)}. Précisez le département, ex. « ${communeLabel(candidates[0])} ».`,
  unknownName: (input: string, elsewhere: readonly NamedCommune[]) =>
    elsewhere.length
      ? `Aucune commune ${quoted(input)} dans ce département : ce nom existe ailleurs : ${listed(elsewhere)}.`
      : `Aucune commune nommée ${quoted(input)} dans le COG 2026 : vérifiez l’orthographe, ou donnez son code INSEE.`,
};

/** Messages of the commune-to-commune distancier routes. */
export const distancierText = {
  notBuilt: (network: string | null) =>
    `Aucun distancier pour le réseau ${quoted(network ?? 'aucun')} : lancez \`npm run distancier:build\` (une fois le réseau routier construit).`,
  layerNotFound: (id: string) => `Aucune couche ${id} : choisissez une couche de GET /api/layers.`,
  note: 'les acteurs sont placés à leur commune ; les origines sans aucun acteur dans la limite de temps sont absentes',
};
