/** Every French sentence the zones API sends (error messages, notes, provenance, export headings). */

const list = (xs: readonly string[], max = 20) => (xs.length > max ? `${xs.slice(0, max).join(', ')}… (${xs.length} au total)` : xs.join(', '));
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const zoneMessages = {
  notFound: (id: string) => `Aucune zone ${id} dans cet espace de travail : la liste est sur GET /api/zones.`,
  versionNotFound: (id: string, version: number, latest: number) => `La zone ${id} n’a pas de version ${version} (versions 1 à ${latest}).`,
  deleted: (id: string) => `La zone ${id} est supprimée : restaurez-la (POST /api/zones/${id}/restore) avant de la modifier.`,
  unknownCodes: (unknown: readonly string[]) =>
    `${plural(unknown.length, 'Code inconnu', 'Codes inconnus')} : ${list(unknown)}. Vérifiez ${plural(unknown.length, 'ce code', 'ces codes')} (code INSEE à 5 caractères, code postal ou « Nom (dép.) ») ou ${plural(unknown.length, 'retirez-le', 'retirez-les')}.`,
  ambiguousNames: (items: readonly { input: string; candidates: string[] }[]) =>
    `${plural(items.length, 'Nom ambigu', 'Noms ambigus')} : ${items.map((a) => `« ${a.input} » (${a.candidates.slice(0, 4).join(', ')})`).join(' ; ')}. Précisez le département, par exemple « Saint-Denis (93) ».`,
  empty: 'La zone ne contient aucune commune : donnez des codes, un polygone ou un territoire administratif.',
  oneSource: 'Donnez une seule source de communes : codes, membres, polygone ou territoire administratif.',
  invalidPolygon: (reason: string) => `Polygone inutilisable : ${reason}. Redessinez-le sans croisement de ses bords.`,
  polygonOutside: 'Le polygone ne recouvre aucune commune française : déplacez-le ou agrandissez-le.',
  unknownAdmin: (level: string, code: string) => `Aucun territoire ${level} de code « ${code} ».`,
  unknownIndicators: (ids: readonly string[]) => `${plural(ids.length, 'Indicateur inconnu', 'Indicateurs inconnus')} : ${list(ids)}. La liste est sur GET /api/indicators.`,
  compareCount: 'Comparez de 2 à 6 zones.',
  importInvalid: (n: number) => `${n} ${plural(n, 'ligne du fichier est', 'lignes du fichier sont')} en erreur : rien n’a été enregistré. Corrigez-les (détail ligne par ligne) puis réimportez le fichier.`,
  importNoFile: 'Joignez le fichier de zones (CSV « code_commune;zone » ou GeoJSON) dans le champ « file ».',
  importTooLarge: (mb: number) => `Le fichier dépasse ${mb} Mo : découpez-le.`,
  rowUnknownCode: (code: string) => `Code commune inconnu : « ${code} ».`,
  rowAmbiguous: (input: string, candidates: string[]) => `Nom ambigu « ${input} » (${candidates.slice(0, 4).join(', ')}) : précisez le département.`,
  rowPolygon: (reason: string) => `Polygone inutilisable : ${reason}.`,
  rowPolygonEmpty: 'Le polygone ne recouvre aucune commune française.',
  rowDuplicateZone: (name: string) => `La zone « ${name} » apparaît deux fois dans le fichier.`,
  badFormat: (format: string) => `Format « ${format} » inconnu : csv, xlsx ou geojson.`,
  tooManyZones: (count: number, max: number) => `${count} zones à enregistrer : au plus ${max} à la fois. Relevez les seuils (moins de zones) ou enregistrez-en une partie.`,
};

/** How a figure is set against its reference (a count is part of its reference's total; a rate is compared to its level). */
export const REFERENCE_RULE = 'Taux, densités, médianes : indice base 100 (100 = niveau de la référence). Effectifs (population, ménages, clients…) : part de la référence en %.';

export const zoneNotes = {
  formerCode: (from: string, to: readonly string[]) => `Ancien code ${from} remplacé par ${to.join(', ')} (commune${to.length > 1 ? 's' : ''} actuelle${to.length > 1 ? 's' : ''}).`,
  postcode: (from: string, to: readonly string[]) => `Code postal ${from} : ${to.length} commune${to.length > 1 ? 's' : ''} (${list(to, 8)}).`,
  repaired: 'Le polygone se recoupait : il a été réparé (ST_MakeValid) avant de chercher les communes.',
  polygonRule: 'Une commune est membre si au moins 10 % de sa surface est dans le polygone ou si son centre y est ; son poids est la part de sa surface à l’intérieur.',
  reference: (level: string, name: string, shared: boolean) =>
    `${level === 'france' ? 'Référence : France entière' : `Référence : ${name}${shared ? ', qui regroupe la plus grande part de la population de la zone' : ''}`}. ${REFERENCE_RULE}`,
  coverage: (ratio: number) => `Couverture : ${new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(ratio)} de la population de la zone.`,
  noData: 'Aucune donnée pour les communes de la zone (secret statistique ou non renseigné).',
  createdNote: 'Création',
  duplicateName: (name: string) => `${name} (copie)`,
  duplicateNote: (name: string, version: number) => `Copie de « ${name} » v${version}`,
};

export const exportHeadings = {
  provenance: 'Provenance',
  profile: 'Profil',
  ageBands: 'Pyramide des âges',
  members: 'Communes',
  comparison: 'Comparaison',
  indicator: 'Indicateur',
  value: 'Valeur',
  unit: 'Unité',
  coverage: 'Couverture (part de la population)',
  reference: 'Référence',
  index: 'Indice (base 100)',
  shareOfReference: 'Part de la référence (%)',
  source: 'Source',
  year: 'Année',
  quality: 'Qualité',
  aggregation: 'Agrégation',
  note: 'Note',
  band: 'Tranche d’âge',
  population: 'Population',
  share: 'Part',
  referenceShare: 'Part (référence)',
  communeCode: 'Code commune',
  communeName: 'Commune',
  weight: 'Poids',
  zone: 'Zone',
  field: 'Champ',
  detail: 'Détail',
};

export const QUALITY_FR: Record<string, string> = { estimated: 'estimé', approximate: 'approché', synthetic: 'synthétique', modelled: 'modélisé', computed: 'calculé' };
export const AGGREGATION_FR: Record<string, string> = { sum: 'somme', ratio: 'rapport des sommes', weightedMean: 'moyenne pondérée', notAdditive: 'non additif (approximation)' };
export const REFERENCE_LEVEL_FR: Record<string, string> = { departement: 'département', region: 'région', france: 'France' };

export const indicatorMessages = {
  unknown: (id: string, known: readonly string[]) => `Aucun indicateur « ${id} ». Indicateurs disponibles : ${list(known, 30)}.`,
};

/** GET /api/communes/:code/profile. */
export const communeProfileNotes = {
  formerCode: (code: string, oldName: string, by: readonly { code: string; name: string }[]) =>
    by.length === 1
      ? `${code} (${oldName}) est un ancien code : profil de la commune actuelle ${by[0].code} ${by[0].name}.`
      : `${code} (${oldName}) est un ancien code, remplacé par ${by.map((r) => `${r.code} ${r.name}`).join(', ')} : profil de ${by[0].code} ${by[0].name}.`,
  /** A commune merged since 2021: its median and deciles are weighted means of its former communes'. */
  mergedFilosofi: (sourceCodes: string) => `Commune fusionnée depuis 2021 (${sourceCodes}) : moyenne des valeurs des anciennes communes pondérée par la population — approchée.`,
};
