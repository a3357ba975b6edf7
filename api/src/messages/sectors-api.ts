/** Every word of the sales-sectors API (routes and services/sectors*) a user reads, in French. */
import { frNumber, plural } from './common.js';

const pct = (ratio: number) => `${frNumber(Math.round(ratio * 1000) / 10)} %`;

export const sectorsApiText = {
  planNotFound: (id: string) => `Plan de secteurs ${id} introuvable : il a été supprimé ou appartient à un autre espace de travail.`,
  versionNotFound: (v: number) => `Version ${frNumber(v)} introuvable dans ce plan : choisissez une version de la liste.`,
  runNotFound: (id: string) => `Optimisation ${id} introuvable : elle est terminée depuis longtemps ou le serveur a redémarré ; relancez-la.`,
  unknownSector: (key: string) => `Secteur « ${key} » inconnu dans ce plan : créez-le d’abord ou corrigez son identifiant.`,
  duplicateSector: (key: string) => `Secteur « ${key} » déclaré deux fois : donnez à chaque secteur un identifiant unique.`,
  unknownCommunes: (codes: string[]) => `${plural(codes.length, 'code commune inconnu', 'codes communes inconnus')} (${codes.slice(0, 5).join(', ')}${codes.length > 5 ? '…' : ''}) : vérifiez les codes INSEE.`,
  unknownZones: (ids: string[]) => `${plural(ids.length, 'zone introuvable', 'zones introuvables')} (${ids.slice(0, 5).join(', ')}) : choisissez des zones enregistrées de cet espace.`,
  emptyPlan: 'Le plan ne contient aucune commune : affectez des communes à au moins un secteur.',
  unknownLayer: (id: string) => `Couche ${id} introuvable : choisissez une couche de cet espace de travail.`,
  unknownMeasure: (m: string, layer: string) => `La couche « ${layer} » n’a pas de mesure numérique « ${m} » : choisissez une de ses mesures ou comptez ses lignes.`,
  baseOutside: (key: string) => `La base du secteur « ${key} » n’est dans aucune commune du plan : placez-la dans une commune du plan ou affectez sa commune au plan.`,
  baseOffNetwork: (maxSnapM: number) => `base à plus de ${frNumber(maxSnapM)} m d’une route du réseau chargé : aucun temps de trajet depuis cette base ; déplacez-la sur une route.`,
  noNetwork: 'Aucun réseau routier chargé : les temps de trajet ne sont pas calculés (chargez un réseau dans Terrain).',
  offNetworkCommunes: (n: number) => `${plural(n, 'commune')} hors du réseau routier chargé : elles gardent leur secteur (aucun temps de trajet) et sont exclues de l’optimisation.`,
  missingWorkload: (n: number, rule: 'zero' | 'exclude') => `${plural(n, 'commune')} sans valeur de charge : ${rule === 'zero' ? 'comptée(s) pour 0' : 'exclue(s) du calcul (elles gardent leur secteur)'}.`,
  csvEmpty: 'Le fichier est vide : une ligne d’en-tête « commune ; secteur » puis une ligne par commune sont attendues.',
  csvHeader: 'En-tête introuvable : la première ligne doit nommer les colonnes « commune » et « secteur » (séparateur « ; »).',
  csvRowsInvalid: (n: number) => `${plural(n, 'ligne')} en erreur : rien n’a été enregistré ; corrigez le fichier puis importez-le de nouveau.`,
  rowUnknownCommune: (code: string) => `commune « ${code} » inconnue : vérifiez le code INSEE (5 caractères, ex. 06088 ou 2A004).`,
  rowDuplicateCommune: (code: string, first: number) => `commune « ${code} » déjà affectée à la ligne ${frNumber(first)} : une commune n’appartient qu’à un secteur.`,
  rowMissing: (field: string) => `colonne « ${field} » vide : renseignez-la.`,
  infeasible: (tol: number, tightest: number) =>
    `Équilibre à ± ${pct(tol)} impossible avec les verrous et la contiguïté demandés : la tolérance la plus serrée atteinte est ± ${pct(tightest)}. Relâchez la tolérance ou retirez des verrous.`,
  tooManyBases: (k: number, n: number) => `${plural(k, 'base')} demandée(s) pour ${plural(n, 'commune')} : choisissez au plus ${frNumber(n)} bases.`,
  runCancelled: 'Optimisation annulée : le plan n’a pas changé.',
  runFailed: 'L’optimisation a échoué : réessayez ; si l’erreur revient, réduisez le plan ou choisissez l’heuristique.',
  runBusy: 'Une optimisation de ce plan est déjà en cours : attendez sa fin ou annulez-la.',
  phases: { preparing: 'préparation', bases: 'choix des bases', solving: 'résolution', exact: 'résolution exacte', saving: 'enregistrement', done: 'terminé' } as Record<string, string>,
  notes: {
    created: 'Création du plan',
    imported: (file: string) => `Import de ${file || 'fichier'}`,
    fromZones: (n: number) => `Création depuis ${plural(n, 'zone')}`,
    edited: 'Modification manuelle',
    optimised: (method: string, moved: number) => `Optimisation (${method}) : ${plural(moved, 'commune déplacée', 'communes déplacées')}`,
  },
  methods: { exact: 'exacte (MILP)', heuristic: 'heuristique' } as Record<string, string>,
  computedLabel: 'calculé',
  csv: {
    communeCode: 'Code commune', communeName: 'Commune', sectorKey: 'Code secteur', sectorName: 'Secteur', owner: 'Commercial', locked: 'Commune verrouillée',
    provenance: (plan: string, version: number, note: string) => `Plan de secteurs « ${plan} », version ${frNumber(version)} (${note})`,
    computed: (method: string, tol: number) => `Version calculée par optimisation ${method}, équilibre ± ${pct(tol)} — libellé : calculé`,
    manual: 'Version saisie (affectations manuelles ou importées)',
    source: 'Source : Maillage — communes COG 2026, temps de trajet du réseau routier chargé',
  },
  zoneDescription: (plan: string, version: number) => `Secteur du plan « ${plan} », version ${frNumber(version)}`,
  workloadLabels: { population: 'population (INSEE)', count: (layer: string) => `nombre de lignes de « ${layer} »`, measure: (m: string, layer: string) => `somme de « ${m} » de « ${layer} »` },
} as const;
