/** Every word of the health API (routes/health.ts) a user reads, in French. */
import { frNumber } from './common.js';

export const healthText = {
  invalidFiness: (raw: string) => `« ${raw} » n’est pas un numéro FINESS : 9 caractères, chiffres, avec 2A/2B pour la Corse (ex. 010000024).`,
  unknownDataset: (id: string, known: string[]) =>
    `Aucun jeu de flux « ${id} ». Disponibles : ${known.join(', ') || 'aucun'} (importez-en un avec POST /api/health/flows/import).`,
  zoneEmpty: 'Aucun code géographique PMSI ne correspond à cette sélection : vérifiez les codes (communes du COG 2026, codes géo 2019).',
  actorsSource: 'FINESS (extrait GISCO du 06/03/2020) ; ScanSanté PMSI MCO (ATIH)',
  actorNotFound: (finess: string) => `Aucun site hospitalier ni établissement PMSI de numéro FINESS ${finess}. Cherchez le numéro dans la couche des établissements de la carte.`,
  siteNotFound: (finess: string) => `Aucun site hospitalier de numéro FINESS ${finess} : les concurrents se calculent entre sites (FINESS géographique). Ouvrez l’un des sites de l’entité juridique.`,
  competitorsNeedSite: 'Les concurrents se calculent entre sites hospitaliers : ouvrez l’un des sites de cette entité juridique.',
  competitorsNoRoads: (reason: string | undefined) =>
    `Temps de trajet indisponibles (${reason ?? 'réseau routier absent'}) : les concurrents à N minutes apparaissent une fois le réseau routier chargé, jamais estimés à vol d’oiseau.`,
  siteOffNetwork: (name: string, finess: string, source: string) =>
    `${name} (${finess}) est hors du réseau routier actif (${source}) : aucun temps de trajet ne peut être calculé depuis ce site. Les cinq DROM n’ont pas encore de réseau routier.`,
  competitorDirection: 'du site vers chaque autre site (temps propre de chaque point rattaché à la route, accès compris)',
  /** The filter a competitor search used, said next to the list. */
  activityFilter: (filter: 'mco' | 'all', excluded: number) => filter === 'mco'
    ? `Sites MCO (médecine, chirurgie, obstétrique) seulement : ${frNumber(excluded)} autre${excluded > 1 ? 's' : ''} site${excluded > 1 ? 's' : ''} à portée écarté${excluded > 1 ? 's' : ''} (psychiatrie dont CMP/CATTP/hôpitaux de jour, consultations, SSR, longue durée).`
    : 'Tous les sites du fichier FINESS (MCO, psychiatrie, SSR, longue durée, consultations).',
  noActivity: (finess: string) => `Aucune activité ScanSanté pour le FINESS ${finess}. Les hôpitaux publics déclarent sous leur entité juridique : ouvrez la fiche du site pour la trouver.`,
  activitySource: 'ScanSanté, PMSI MCO tous séjours (ATIH)',
  /** Whose activity a site's sheet shows: its own, or its legal entity's (all its sites together). */
  entityActivity: (siteCount: number) => `activité de l’entité juridique (${frNumber(siteCount)} sites)`,
  ownActivity: 'activité de l’établissement',
  dataUntil: (year: number) => `données jusqu’en ${year}`,
  dataFrom: (year: number) => `données à partir de ${year}`,
  flowsQuery: 'Indiquez finess= (un établissement) ou zone= (un code géo PMSI) : la table entière est trop grande pour être listée.',
  zoneChoice: 'Choisissez la zone : zones= (codes géo PMSI), communes= (codes INSEE) ou departement= (ou envoyez un polygone dessiné en POST).',
  linksQuery: 'Indiquez ej= (entité juridique) ou et= (site) par son numéro FINESS.',
  linkSiteNotFound: (et: string) => `Aucun site hospitalier de numéro FINESS ${et} : un rattachement doit viser un site du fichier FINESS.`,
  establishmentNotFound: (ej: string) => `Aucun établissement PMSI de numéro FINESS ${ej}.`,
  overrideNotFound: (ej: string, et: string) => `Aucune correction de rattachement pour ${ej} → ${et}.`,
  importNoFile: 'Envoyez le fichier dans le champ « file » d’un formulaire multipart (CSV ou XLSX : FINESS, année, code géo, séjours).',
  importTooLarge: (mb: number) => `Le fichier fait ${mb.toFixed(1).replace('.', ',')} Mo ; la limite est de 20 Mo. Découpez-le par année.`,
  importInvalidRows: (n: number, file: string) => `${frNumber(n)} erreur${n > 1 ? 's' : ''} de ligne dans ${file} : rien n’a été enregistré. Corrigez les lignes listées dans le détail et importez de nouveau.`,
  importedLabel: (file: string) => `flux observés importés de ${file}`,
  importedSource: (file: string) => `import de ${file}`,
  maskedRows: (n: number) => `${frNumber(n)} ligne${n > 1 ? 's' : ''} masquée${n > 1 ? 's' : ''} (« 1 à 10 ») non enregistrée${n > 1 ? 's' : ''} comme nombres.`,
  pmsiZonesSource: 'ATIH, fond de carte des codes géographiques PMSI 2017 (simplifié)',
};

/**
 * A flow dataset's label in French. The committed modelled table carries an English label from its build
 * (manifest.json, frozen in the database): it is said again here from what it is, never shown half English.
 */
export function flowDatasetLabel(d: { label: string; synthetic: boolean; source?: string | null }): string {
  const l = d.label;
  if (d.synthetic && /drive times?/i.test(l)) return 'flux modélisés, non observés : modèle gravitaire sur les temps de trajet (réseau routier OSM 2021), tirage reproductible';
  if (d.synthetic && /crow-?fly/i.test(l)) return 'flux modélisés, non observés : modèle gravitaire sur la distance à vol d’oiseau';
  if (d.synthetic && /modelled/i.test(l)) return 'flux modélisés, non observés';
  const imported = /^observed flows imported from (.+)$/.exec(l);
  if (imported) return healthText.importedLabel(imported[1]);
  return l;
}

/** Row reasons of a patient-origin (flows) file import (domain/health/flow-import.ts). */
export const flowImportText = {
  emptyFile: 'fichier vide : une ligne d’en-tête FINESS;année;code géo;séjours est attendue',
  noColumn: (label: string, accepted: string[]) => `aucune colonne pour « ${label} » ; en-têtes acceptés : ${accepted.join(', ')}`,
  badFiness: (v: string) => `« ${v} » n’est pas un numéro FINESS à 9 caractères`,
  badYear: (v: string) => `« ${v} » n’est pas une année (par ex. 2023)`,
  badZone: (v: string) => `« ${v} » n’est pas un code géographique PMSI à 5 caractères`,
  unknownFiness: (v: string) => `FINESS ${v} inconnu : ni établissement PMSI (ScanSanté) ni site du répertoire FINESS chargé`,
  unknownZone: (v: string) => `code géographique ${v} inconnu : absent du fond PMSI 2017 et de la correspondance communes ↔ codes géo 2019`,
  badStays: (v: string) => `« ${v} » n’est pas un nombre entier de séjours`,
  noRows: 'aucune ligne de données après l’en-tête',
  badWorkbook: 'classeur XLSX illisible : réenregistrez-le en .xlsx ou exportez-le en CSV (séparateur ;)',
};
