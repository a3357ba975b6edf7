/**
 * Words of the app shell a user reads (top bar, search, help, errors, bottom sheet) and the French formats
 * every screen shares: numbers (espace fine for thousands, decimal comma), dates, plurals.
 */

const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/** A number as a French reader writes it: "12 464", "36,6" (at most `maxDigits` decimals); "—" when missing. */
export function formatNumber(n: number | null | undefined, maxDigits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  let f = NUMBER_FORMATS.get(maxDigits);
  if (!f) NUMBER_FORMATS.set(maxDigits, (f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: maxDigits })));
  return f.format(n);
}

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** "29 juillet 2026" (a Date, an ISO string or a timestamp); "—" when missing or invalid. */
export function formatDate(d: Date | string | number | null | undefined): string {
  if (d === null || d === undefined || d === '') return '—';
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? '—' : DATE_FORMAT.format(date);
}

/**
 * A count with its noun in French: "0 commune", "1 code géo", "2 codes géo", "12 464 habitants".
 * French singular for 0 and 1; give the plural when it is not the singular + s ("codes géo").
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${Math.abs(n) < 2 ? singular : pluralForm}`;
}

/** The shell's words. */
export const shell = {
  searchLabel: 'Rechercher un territoire, un établissement ou un compte',
  searchPlaceholder: 'Commune, hôpital, compte…',
  searchTitle: 'Commune (nom, code INSEE ou postal), département, région, hôpital, compte client — raccourci : /',
  searchNoResult: (q: string) => `Aucun résultat pour « ${q} »`,
  searchNoResultHint: 'Essayez un nom de commune, un code INSEE ou postal, un département, un hôpital ou un compte client.',
  searchKinds: { commune: 'Commune', departement: 'Département', region: 'Région', site: 'Établissement de santé', account: 'Compte' } as Record<string, string>,
  indicator: 'Indicateur',
  territories: 'Aller à un territoire',
  menu: 'Menu : indicateur et territoires',
  menuClose: 'Fermer le menu',
  legendShow: 'Afficher la légende',
  legendHide: 'Masquer la légende',
  legend: 'Légende',
  panels: 'Panneaux',
  /** Panel registry ids (panels/index.ts) in words, for the error shown when one fails. */
  panelNames: {
    'commune-sheet': 'Fiche commune', 'zone-profile': 'Profil de zone', isochrones: 'Temps de trajet', matrix: 'Matrice des temps de trajet',
    health: 'Santé', layers: 'Couches', zones: 'Zones', areas: 'Zones de chalandise', basins: 'Bassins de santé', sectors: 'Secteurs',
  } as Record<string, string>,
  sheetCollapse: 'Réduire les panneaux (ou glissez vers le bas)',
  sheetExpand: 'Ouvrir les panneaux',
  helpButton: 'Aide',
  loadingIndicator: 'Chargement de l’indicateur…',
  close: 'Fermer',
  chooseFile: 'Choisir un fichier',
  noFileChosen: 'Aucun fichier choisi',
};

/** The first-visit help (components/Help.tsx): what Maillage is and three things to try. */
export const help = {
  title: 'Bienvenue dans Maillage',
  intro:
    'Maillage est une carte de la France par commune pour travailler vos données clients : placez vos fichiers sur le territoire, comparez-les aux indicateurs publics (population, santé) et calculez des zones d’accès en voiture.',
  tryTitle: 'Trois choses à essayer',
  steps: [
    { title: 'Chercher une commune', text: 'Tapez un nom, un code INSEE ou un code postal dans la barre de recherche (raccourci : /) : la carte s’y rend et la fiche de la commune s’ouvre.' },
    { title: 'Importer un fichier', text: 'Dans « Couches », « Importer… » un CSV ou un XLSX de comptes (adresse, code commune ou coordonnées) : chaque ligne est placée sur la carte, avec un rapport des lignes rejetées.' },
    { title: 'Calculer une zone en temps de trajet', text: 'Dans « Temps de trajet en voiture », activez « Isochrones » puis cliquez sur la carte, ou partez de la commune ouverte : les communes, la population et vos clients à 10, 20, 30 minutes.' },
  ],
  privacy: 'Vos fichiers restent sur ce serveur : rien n’est envoyé ailleurs.',
  reopen: 'Le bouton « ? » en haut à droite rouvre cette aide.',
  dismiss: 'C’est parti',
  close: 'Fermer l’aide',
};

/** Errors said in French, by cause (lib/messages/index.ts picks one for `handleError`). */
export const errors = {
  network: 'Le serveur ne répond pas : vérifiez votre connexion ou que Maillage est lancé, puis réessayez.',
  unexpected: 'Erreur inattendue dans l’application : réessayez ; si elle revient, rechargez la page.',
  invalidRequest: 'La demande n’a pas pu être traitée : vérifiez les valeurs saisies puis réessayez.',
  notFound: 'Élément introuvable : il a peut-être été supprimé. Rechargez la page.',
  tooLarge: 'Demande trop volumineuse : découpez-la en plusieurs envois.',
  server: 'Le serveur a rencontré une erreur : réessayez ; si elle revient, signalez-la.',
  unavailable: 'Ce service n’est pas disponible sur ce serveur pour le moment.',
  conflict: 'Ce nom est déjà pris ou l’élément a changé entre-temps : rechargez et réessayez.',
  httpStatus: (status: number) => `La requête a échoué (erreur ${status}) : réessayez.`,
  panelFailed: (what: string) => `${what} a rencontré une erreur et ne peut pas s’afficher : réessayez ; si elle revient, rechargez la page.`,
  retry: 'Réessayer',
};
