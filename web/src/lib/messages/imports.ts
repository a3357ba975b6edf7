/** Every word of the import panel and of the layer list's delete/undo a user reads: one catalogue. */
import { formatNumber, plural } from './common';

export const importText = {
  panel: 'Importer des données',
  title: 'CSV, XLSX ou GeoJSON',
  close: "Fermer l'import",
  chooseFile: 'Choisir un fichier…',
  fileLabel: 'Fichier à importer',
  summary: (rows: number, format: string, delimiter: string | null) => `${plural(rows, 'ligne')} · ${format.toUpperCase()}${delimiter ? ` · séparateur « ${delimiter} »` : ''}`,
  sheet: 'Feuille',
  sheetRows: (name: string, rows: number | undefined) => (rows === undefined ? name : `${name} (${plural(rows, 'ligne')})`),
  encoding: (detected: string | null) => `Encodage (détecté : ${detected ?? '—'})`,
  encodingAuto: 'automatique',
  measuresLegend: 'Mesures (valeurs gardées typées, agrégeables)',
  measureIgnored: 'ignorée',
  measureNumber: 'nombre',
  measureCategory: 'catégorie',
  measureKind: { integer: 'entier', decimal: 'décimal' } as Record<string, string>,
  unitPlaceholder: 'unité (€…)',
  layerName: 'Nom de la couche',
  kind: 'Type',
  kinds: { internal: 'interne (CRM…)', external: 'externe (achetée)', computed: 'calculée' } as Record<string, string>,
  source: 'Source',
  sourcePlaceholder: 'ex. export CRM du 01/11',
  description: 'Description',
  descriptionPlaceholder: 'contenu, périmètre, date',
  onRowError: 'Si des lignes sont invalides',
  onRowErrorChoices: {
    keep: 'importer les lignes valides et lister les rejets',
    abort: 'ne rien importer (tout ou rien)',
  } as Record<string, string>,
  onRowErrorNote: "Un import sans aucune ligne valide n'enregistre jamais rien : une couche existante reste telle quelle.",
  submit: 'Importer',
  reading: 'Lecture du fichier…',
  uploading: (ratio: number | null) => `Envoi du fichier${ratio !== null ? ` ${Math.round(ratio * 100)} %` : '…'}`,
  processing: 'Validation, géocodage et enregistrement (une transaction)…',
  serverDown: "Le serveur Maillage ne répond pas : l'import n'a pas été envoyé.",
  fileFailed: 'Ce fichier ne peut pas être importé :',

  // Report
  imported: (imported: number, rejected: number, read: number) =>
    `${formatNumber(imported)} ${imported < 2 ? 'ligne importée' : 'lignes importées'}, ${formatNumber(rejected)} ${rejected < 2 ? 'rejetée' : 'rejetées'} sur ${formatNumber(read)}.`,
  nothingStored: 'Rien n’a été importé.',
  nothingStoredNoValid: 'Aucune ligne valide : la couche existante (s’il y en a une) est restée telle quelle. Corrigez les lignes ci-dessous puis réimportez.',
  nothingStoredAbort: (valid: number) =>
    `${plural(valid, 'ligne valide', 'lignes valides')} n’ont pas été enregistrées parce que l’option « tout ou rien » était choisie. Corrigez les rejets, ou réimportez en gardant les lignes valides.`,
  locatedVia: 'Localisation',
  precision: 'Précision',
  duplicates: 'Clés en double',
  duplicateRows: (key: string, rows: number[]) => `${key} (lignes ${rows.join(', ')})`,
  andMore: (n: number) => ` et ${formatNumber(n)} autres`,
  rejectsTitle: 'Lignes rejetées',
  warningsTitle: (n: number) => `${plural(n, 'avertissement')} (lignes gardées, à vérifier)`,
  headers: { row: 'Ligne', key: 'Clé', field: 'Champ', severity: 'Gravité', reason: 'Motif' },
  severity: { error: 'rejetée', warning: 'avertissement (ligne gardée)' } as Record<string, string>,
  firstShown: (shown: number, total: number) => `${formatNumber(shown)} premières lignes affichées sur ${formatNumber(total)} : le CSV les contient toutes.`,
  downloadReport: 'Télécharger le rapport (CSV)',
  downloadReportLocal: 'Télécharger les rejets (CSV)',
  reportFileName: (name: string) => `rapport-import-${name.replace(/[^\w-]+/g, '_')}.csv`,
  again: 'Revenir à l’association des colonnes',
};

export const layerDeleteText = {
  confirm: (name: string, rows: number) => `Supprimer la couche « ${name} » et ses ${plural(rows, 'ligne')} ?`,
  deleted: (name: string) => `Couche « ${name} » supprimée.`,
  undo: 'Annuler',
  restored: (name: string) => `Couche « ${name} » restaurée.`,
};

/** How long the "Annuler" toast stays after a delete (the layer stays restorable through the API for a day). */
export const UNDO_TOAST_MS = 10_000;
