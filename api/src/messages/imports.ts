/**
 * Every sentence an import shows a user, in French (one catalogue: domain, service and route take their text
 * from here). Codes stay English in the API; these are the `message` and `reason` texts. Pure: text in, text out.
 */

import { frNumber as fr } from './common.js';

const list = (items: string[], max = 5) => `${items.slice(0, max).join(', ')}${items.length > max ? '…' : ''}`;

/** Why a row is rejected (or flagged): the `reason` of a report line. */
export const reasons = {
  emptyKey: 'clé vide : chaque ligne doit avoir un identifiant',
  duplicateKey: (key: string, firstRow: number) => `clé ${key} en double (déjà vue ligne ${firstRow} ; cette ligne-là est gardée)`,
  notANumber: (raw: string) => `« ${raw} » n'est pas un nombre`,
  notADate: (raw: string) => `« ${raw} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)`,
  geometryNotPoint: (type: string) => `géométrie ${type} : seuls les points sont importés`,
  noGeometry: "l'objet n'a pas de géométrie",
  coordinateNotANumber: "la coordonnée n'est pas un nombre",
  looksLambert93: (a: number, b: number) => `${a}, ${b} ressemblent à des mètres Lambert-93, pas à des degrés : associez ces colonnes à X/Y Lambert-93`,
  swapped: (lat: number, lon: number) => `latitude et longitude semblent inversées (${lat}, ${lon} tomberait en France) : échangez les deux colonnes`,
  outsideFrance: (lon: number, lat: number) => `le point ${lon}, ${lat} est hors de France (métropole et DROM)`,
  notLambert93: (x: number, y: number) => `${x}, ${y} ne sont pas des mètres Lambert-93 en France (X de 50 000 à 1 300 000, Y de 6 000 000 à 7 200 000)`,
  formerCodeSplit: (code: string, into: string[]) => `l'ancien code ${code} a été partagé entre ${into.join(', ')} : indiquez le code actuel`,
  unknownCommuneCode: (code: string) => `code commune ${code} inconnu (COG 2026 et son historique)`,
  unknownPostcode: (postcode: string) => `code postal ${postcode} inconnu`,
  postcodeCityMismatch: (postcode: string, city: string, communes: string[]) =>
    `le code postal ${postcode} ne correspond pas à la ville « ${city} » (communes de ce code postal : ${list(communes)})`,
  postcodeNotLocated: (postcode: string) => `le code postal ${postcode} n'a aucune commune localisée`,
  communeNotLocated: (code: string, name: string) => `la commune ${code} ${name} n'a pas de position (collectivité d'outre-mer hors de la carte)`,
  noLocation: 'aucune localisation : indiquez des coordonnées, un code commune ou un code postal',
  pointInNoCommune: "le point n'est dans aucune commune française (en mer, ou à l'étranger près de la frontière)",
  /** A warning: the row is kept (placed by its commune code) but its address says another commune. */
  codeAddressMismatch: (given: string, code: string, name: string, postcodes: string[]) =>
    `« ${given} » ne correspond pas à la commune ${code} ${name}${postcodes.length ? ` (codes postaux : ${list(postcodes)})` : ''} : ligne gardée et placée par le code commune, vérifiez-la`,
};

/** How a row was located, when it needs a word (kept in the row's note). */
export const notes = {
  formerCode: (oldCode: string, code: string, name: string) => `ancien code ${oldCode} → ${code} ${name}`,
  postcodeCentroid: (n: number) => `code postal partagé par ${n} communes : centre de leurs points`,
};

/** French names of the mapping's fields, for mapping errors. */
const FIELD_LABEL: Record<string, string> = {
  key: 'identifiant (clé)', name: 'nom', category: 'catégorie', communeCode: 'code commune', postcode: 'code postal', city: 'ville',
  lon: 'longitude', lat: 'latitude', x: 'X Lambert-93', y: 'Y Lambert-93', date: 'date',
};

export const mapping = {
  chooseKey: 'choisissez la colonne qui porte l’identifiant de chaque ligne',
  missingColumn: (field: string, column: string, columns: string[]) =>
    `${FIELD_LABEL[field] ?? field} : pas de colonne « ${column} » dans le fichier (colonnes : ${columns.join(', ')})`,
  measureColumn: (name: string) => `mesure ${name}`,
  lonLatPair: 'associez la longitude et la latitude, ou aucune des deux',
  xyPair: 'associez X et Y (Lambert-93), ou aucun des deux',
  noLocation: 'associez une localisation : longitude/latitude, X/Y Lambert-93, un code commune ou un code postal',
  invalid: (problems: string[]) => `Association des colonnes : ${problems.join(' ; ')}`,
  notJson: "mapping : envoyez l'association des colonnes en JSON, par ex. {\"key\":\"id\",\"communeCode\":\"insee\"}.",
};

/** Problems with the file itself (400 IMPORT_INVALID_FILE, 413). */
export const files = {
  inFile: (fileName: string, message: string) => `${fileName} : ${message}`,
  empty: "le fichier est vide : il faut une ligne d'en-tête et au moins une ligne de données",
  headerOnly: (fileName: string) => `${fileName} a une ligne d'en-tête mais aucune ligne de données.`,
  badQuote: (row: number) => `ligne ${row} du CSV : un guillemet n'est pas refermé — vérifiez les guillemets autour de cette ligne (ou réenregistrez le fichier depuis Excel).`,
  notUtf8: "le fichier n'est pas en UTF-8 valide : réenregistrez-le en « CSV UTF-8 » ou choisissez l'encodage Windows-1252",
  notXlsx: 'classeur XLSX illisible : réenregistrez-le depuis Excel au format .xlsx',
  noSheet: (sheet: string, sheets: string[]) => `pas de feuille « ${sheet} » dans le classeur ; feuilles : ${sheets.join(', ')}`,
  notJson: "JSON illisible : un GeoJSON doit être un texte JSON valide, en UTF-8",
  notFeatureCollection: 'le GeoJSON doit être une FeatureCollection',
  notText: (looksLike: string) => `Ce fichier n'est pas un fichier CSV/texte (il ressemble à ${looksLike}) : exportez vos données en CSV, XLSX ou GeoJSON.`,
  tooLargeBytes: (fileName: string, sizeBytes: number, maxBytes: number) =>
    `${fileName} pèse ${fr(Math.round(sizeBytes / 1e5) / 10)} Mo ; la limite est de ${fr(Math.round(maxBytes / 1024 / 1024))} Mo par fichier : découpez-le.`,
  tooManyRows: (fileName: string, maxRows: number) => `${fileName} a plus de ${fr(maxRows)} lignes ; la limite est de ${fr(maxRows)} lignes par import : découpez-le.`,
  uploadTooLarge: (sizeBytes: number, maxBytes: number) => `L'envoi pèse ${fr(Math.round(sizeBytes / 1e5) / 10)} Mo ; la limite est de ${fr(Math.round(maxBytes / 1024 / 1024))} Mo par fichier : découpez-le.`,
  noFile: 'file : joignez le fichier à importer dans le champ multipart « file ».',
};

/** Preview notices (the file is readable but the user has something to do). */
export const preview = {
  noColumnRecognised: 'Aucune colonne reconnue — associez au moins une clé et une localisation',
  sheetWithoutData: (sheet: string, other: { name: string; rowCount: number } | null) =>
    `La feuille « ${sheet} » n'a aucune ligne de données${other ? ` ; la feuille « ${other.name} » en a ${fr(other.rowCount)} : choisissez-la ci-dessous` : ' : choisissez une autre feuille'}.`,
};

/** Whole-import outcomes that store nothing (422), and layer actions. */
export const outcomes = {
  noValidRow: (fileName: string, rejected: number) =>
    `${fileName} : aucune ligne valide (${fr(rejected)} ligne${rejected > 1 ? 's' : ''} rejetée${rejected > 1 ? 's' : ''}) : rien n'a été importé et la couche existante est inchangée. Corrigez les lignes du rapport puis réimportez.`,
  abortedOnRejects: (fileName: string, rejected: number) =>
    `${fileName} : ${fr(rejected)} ligne${rejected > 1 ? 's' : ''} rejetée${rejected > 1 ? 's' : ''} et l'option « tout ou rien » est choisie : rien n'a été importé. Corrigez ces lignes ou gardez les lignes valides.`,
  layerNotFound: (id: string) => `Aucune couche ${id} : la liste est sur GET /api/layers.`,
  layerNotDeleted: (id: string) => `Aucune couche supprimée ${id} à restaurer : elle a déjà été restaurée, ou remplacée par un import du même nom.`,
  nameTaken: 'Une autre couche porte déjà ce nom : choisissez-en un autre.',
  nameRequired: 'donnez un nom à la couche',
};

/** The row report as a downloadable CSV: French headings, one line per problem. */
export const reportCsv = {
  headers: { row: 'Ligne', key: 'Clé', field: 'Champ', severity: 'Gravité', reason: 'Motif' },
  severity: { error: 'rejetée', warning: 'avertissement (ligne gardée)' } as Record<string, string>,
  title: (layerName: string) => `Maillage — rapport d'import de la couche « ${layerName} »`,
  file: (fileName: string, importedAt: string) => `fichier : ${fileName} ; importé le ${importedAt}`,
};

/** Messages of the layer aggregate route (routes/layers.ts). */
export const layerText = {
  ringTooShort: 'un contour de polygone demande au moins 4 positions (la première répétée à la fin)',
  oneZoneSource: 'donnez une seule source de communes par zone : communeCodes, departementCodes ou geometry',
  notAMeasure: (measure: string, known: string[]) => `measure : « ${measure} » n’est pas une mesure numérique de cette couche (mesures : ${known.join(', ') || 'aucune'}).`,
  unknownZoneCodes: (index: number, unknown: string[], zoneId: string) =>
    `zones.${index}.communeCodes : ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` et ${unknown.length - 10} autres` : ''} ${unknown.length > 1 ? 'ne sont pas des codes' : 'n’est pas un code'} de commune du COG 2026 ni un ancien code : vérifiez la zone « ${zoneId} ».`,
};
