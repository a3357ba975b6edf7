/** Every word of the Zones feature a user reads (web/src/features/zones, map tools, PNG export). */
export const ZONE_KIND_LABELS: Record<string, string> = {
  drawn: 'Dessinée',
  list: 'Liste de communes',
  admin: 'Territoire administratif',
  isochrone: 'Isochrone',
  import: 'Importée',
  trade_area: 'Zone de chalandise',
  basin: 'Bassin',
  sector: 'Secteur',
};

export const QUALITY_LABELS: Record<string, { label: string; title: string }> = {
  estimated: { label: 'estimé', title: 'Valeur estimée à partir d’un niveau géographique plus large' },
  approximate: { label: 'approché', title: 'Valeur approchée : la grandeur ne s’additionne pas, l’approximation est indiquée' },
  synthetic: { label: 'synthétique', title: 'Données synthétiques de démonstration' },
  modelled: { label: 'modélisé', title: 'Valeur issue d’un modèle, non observée' },
  computed: { label: 'calculé', title: 'Valeur calculée à partir d’autres sources' },
};

export const REFERENCE_LABELS = { departement: 'Département', region: 'Région', france: 'France' } as const;

export const TOOL_LABELS = {
  'draw-polygon': 'Dessin d’un polygone : cliquez les sommets sur la carte, double-cliquez ou « Terminer » pour fermer, Échap pour annuler.',
  'pick-communes': 'Sélection de communes : cliquez une commune pour l’ajouter ou la retirer, Échap pour annuler.',
  'click-point': 'Cliquez un point sur la carte, Échap pour annuler.',
} as const;

export const M = {
  panelTitle: 'Zones',
  panelEyebrow: 'Zones enregistrées',
  empty: 'Aucune zone enregistrée. Créez-en une : dessinez un polygone, collez une liste de communes, choisissez un territoire ou importez un fichier.',
  loading: 'Chargement des zones…',
  create: { draw: 'Dessiner', codes: 'Liste', admin: 'Territoire', import: 'Importer' },
  drawHint: 'Cliquez les sommets du polygone sur la carte.',
  drawDone: (n: number) => `Polygone de ${n} sommets prêt à enregistrer.`,
  finish: 'Terminer',
  cancel: 'Annuler',
  save: 'Enregistrer comme zone',
  nameLabel: 'Nom de la zone',
  defaultDrawnName: (d: Date) => `Zone dessinée du ${d.toLocaleDateString('fr-FR')}`,
  defaultListName: (n: number) => `Liste de ${n} communes`,
  codesLabel: 'Codes INSEE, codes postaux ou noms « Nom (dd) », un par ligne ou séparés par ; ou ,',
  codesPlaceholder: '78646\n78000\nVersailles (78)',
  unknownCodes: (codes: string[]) => `Codes inconnus : ${codes.join(', ')}. Corrigez-les ou retirez-les puis enregistrez à nouveau.`,
  adminLevels: { departement: 'Département', epci: 'EPCI (SIREN)', region: 'Région' },
  adminCodeLabel: 'Code ou nom',
  adminNotFound: (q: string) => `Aucun territoire ne correspond à « ${q} ». Saisissez un code (ex. 78, 11) ou un nom.`,
  importHint: 'CSV « code_commune;zone » ou GeoJSON de polygones (une zone par nom).',
  importRejected: 'Le fichier contient des lignes en erreur : rien n’a été enregistré. Corrigez ces lignes puis importez à nouveau.',
  imported: (n: number) => `${n} zone${n > 1 ? 's' : ''} importée${n > 1 ? 's' : ''}.`,
  formerCodes: (from: string, to: string[]) => `Code ${from} remplacé par ${to.join(', ')} (COG 2026)`,
  repaired: 'Le polygone se recoupait : il a été réparé.',
  communes: (n: number) => `${fr(n)} commune${n > 1 ? 's' : ''}`,
  inhabitants: (n: number | null) => (n === null ? 'population inconnue' : `${fr(n)} hab.`),
  version: (v: number) => `v${v}`,
  updated: (iso: string) => `modifiée le ${new Date(iso).toLocaleDateString('fr-FR')}`,
  actions: { profile: 'Profil', rename: 'Renommer', describe: 'Décrire', edit: 'Modifier les communes', duplicate: 'Dupliquer', delete: 'Supprimer', compare: 'Comparer' },
  confirmDelete: (name: string) => `Supprimer « ${name} » ?`,
  yes: 'Oui, supprimer',
  no: 'Non',
  deleted: (name: string) => `Zone « ${name} » supprimée.`,
  undo: 'Annuler',
  editPending: (add: number, remove: number) => `${add} à ajouter, ${remove} à retirer`,
  editSave: (v: number) => `Enregistrer la version ${v}`,
  compareSelected: (n: number) => `Comparer (${n})`,
  compareHint: 'Cochez 2 à 6 zones pour les comparer.',
  compareMax: 'Six zones au plus se comparent à la fois.',
  profile: {
    eyebrow: 'Profil de zone',
    close: 'Fermer le profil',
    reference: 'Référence (indice base 100)',
    /** Counts are compared as a share of the reference, rates and means as an index (base 100). */
    referenceLine: (name: string, version: number) => `Référence : ${name} — indices base 100 ; effectifs en part de la référence · version v${version}`,
    computing: 'Calcul du profil…',
    referenceValue: (formatted: string) => `réf. ${formatted}`,
    coverage: (r: number) => `couverture ${pct(r)}`,
    noValue: 'pas de donnée',
    shareOfReference: (r: number) => `${new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: r < 0.01 ? 2 : 1 }).format(r)} de la référence`,
    index: (i: number | null) => (i === null ? 'indice —' : `indice ${fr(Math.round(i))}`),
    versions: 'Version',
    ageTitle: 'Structure par âge',
    ageLegendZone: 'Zone',
    ageLegendRef: (name: string) => `Référence : ${name}`,
    compareWithRef: (name: string) => `Comparer avec ${name}`,
    exports: 'Exporter',
    pngTitle: 'Image PNG de la carte avec légende, échelle et attribution',
  },
  compare: {
    computing: 'Comparaison en cours…',
    title: 'Comparaison de zones', close: 'Fermer la comparaison', enlarge: 'Agrandir', shrink: 'Réduire', indicator: 'Indicateur', ages: 'Structure par âge (part de la population)' },
  exportDone: (f: string) => `Export ${f.toUpperCase()} téléchargé.`,
  png: {
    legendZones: 'Zones',
    attribution: 'Sources',
    made: (d: Date) => `Maillage · ${d.toLocaleDateString('fr-FR')} ${d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`,
    failed: 'La carte n’a pas pu être exportée en image : attendez la fin du chargement de la carte puis réessayez.',
  },
};

const nf0 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
export const fr = (n: number) => nf0.format(n);
export const pct = (ratio: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
