/** Every French sentence the accessibility and drive-time basins API sends (services/basins-*, routes/basins). */
import { frNumber, plural, quoted } from './common.js';

const fr2 = (x: number) => frNumber(Math.round(x * 100) / 100);

export const basinsApiText = {
  /** Sources and labels. */
  gpLabel: 'Médecins généralistes (BPE 2017)',
  gpActorLabel: 'Médecins généralistes',
  maternityLabel: 'Maternités',
  maternitySource: 'Maternités de la BPE (équipement D107, c. 2017), une par commune équipée, placées au point de la commune : le répertoire FINESS chargé n’a pas d’activité « maternité » (seule la catégorie « Etablissement Soins Obstétriques Chirurgico-Gynécologiques », 5 sites, qui n’est pas l’ensemble des maternités).',
  communePointRule: (what: 'gp' | 'maternity') => `${what === 'gp' ? 'cabinet placé' : 'maternité placée'} au point de la commune (BPE par commune)`,
  finessLabel: (categories: readonly string[] | undefined) => (categories?.length ? `Sites FINESS : ${categories.join(', ')}` : 'Sites FINESS (tous)'),
  layerLabel: (name: string, measure?: string) => (measure ? `${name} — ${measure}` : name),
  populationDemand: 'Population municipale (populations légales 2023, INSEE)',
  ageNotAvailable: 'Pondération par l’âge non disponible : aucun profil de consommation de soins par âge n’est chargé (la DREES pondère la population par la consommation de soins par tranche d’âge) ; la demande est la population sans pondération.',
  ageNotAsked: 'Demande non pondérée par l’âge (population municipale).',
  timeRule: 'Temps de trajet en voiture de chaque commune (route la plus proche de son point) jusqu’à l’offre, sur le réseau routier chargé ; une offre dans la commune même compte 0 min.',
  computedLabel: 'Indicateur calculé (non publié par une source statistique) : méthode enregistrée avec lui.',
  unitPer100k: (what: string) => `${what} pour 100 000 habitants`,
  unitActivity: 'consultations par habitant et par an',
  unitActivityOther: 'activité par habitant et par an',
  syntheticSupply: 'Offre issue d’une couche de données synthétiques (démonstration).',
  syntheticActors: 'Points issus d’une couche de données synthétiques (démonstration).',
  /** Short decay names inside an indicator's label. */
  decayShort: { binary: 'seuil simple', steps: 'paliers', gaussian: 'gaussienne' } as Record<'binary' | 'steps' | 'gaussian', string>,
  accessLabel: (supply: string, decay: string, catchmentMin: number) => `Accessibilité — ${supply} (${decay}, ${fr2(catchmentMin)} min) — calculé`,
  gpAccessLabel: (decay: string, catchmentMin: number) => `Accessibilité aux médecins généralistes (2SFCA ${decay}, ${fr2(catchmentMin)} min) — calculé`,
  accessDefinition: (supply: string, decay: string, catchmentMin: number, activity?: number) =>
    `Accessibilité potentielle localisée (famille 2SFCA/E2SFCA) : pour chaque offre, rapport offre / population pondérée à moins de ${fr2(catchmentMin)} min ; `
    + `pour chaque commune, somme pondérée des rapports des offres à moins de ${fr2(catchmentMin)} min (${decay}). Offre : ${supply}. `
    + (activity ? `Converti en consultations par habitant et par an avec ${frNumber(activity)} consultations par an et par unité d’offre.` : 'Exprimé pour 100 000 habitants.')
    + ' Commune hors réseau routier : sans valeur (jamais 0).',
  accessSource: (supply: string, network: string) => `Calculé par Maillage (/api/basins/accessibility) : ${supply} ; populations légales 2023 ; réseau routier ${network}`,
  decayText: (kind: 'binary' | 'steps' | 'gaussian', upperMin?: number[], weights?: number[]) =>
    kind === 'binary' ? 'seuil simple'
      : kind === 'gaussian' ? 'décroissance gaussienne'
        : `paliers ${upperMin!.map((u, k) => `≤ ${fr2(u)} min : ${fr2(weights![k])}`).join(', ')}`,
  underServedRuleActivity: 'Seuil de sous-densité de la DREES : 2,5 consultations par habitant et par an (APL des médecins généralistes).',
  underServedRuleRelative: (threshold: number, mean: number) =>
    `Seuil par défaut ${fr2(threshold)} pour 100 000 habitants : la même position relative que le seuil de la DREES (2,5 consultations par an et par habitant) face à l’APL moyen publié pour 2018 (3,93, Études et Résultats n° 1144, février 2020), soit 2,5 / 3,93 × la moyenne nationale de ce calcul (${fr2(mean)}). 0 = aucune offre à portée.`,
  underServedRuleGiven: 'Seuil donné par la demande.',
  nearestLabel: (actors: string) => `Temps d’accès ${actors === 'Maternités' ? 'à la maternité la plus proche' : `au plus proche — ${actors}`} (min) — calculé`,
  nearestDefinition: (actors: string, cutoffMin: number) =>
    `Temps de trajet en voiture (minutes) de la commune au plus proche des points de « ${actors} », sur le réseau routier chargé, jusqu’à ${fr2(cutoffMin)} min ; au-delà ou hors réseau : sans valeur (jamais 0).`,
  nearestSource: (actors: string, network: string) => `Calculé par Maillage (/api/basins/nearest) : ${actors} ; réseau routier ${network}`,
  basinZoneName: (name: string, actor: string) => `${name} — ${actor}`,
  basinZoneDescription: (actors: string, cutoffMin: number) => `Bassin d’accès (temps de trajet) : communes dont le point « ${actors} » le plus proche est celui-ci, jusqu’à ${fr2(cutoffMin)} min. Calculé.`,
  tiesNote: (n: number) => `${plural(n, 'commune est', 'communes sont')} à égale distance de deux points ou plus : rattachée(s) au premier dans l’ordre de la liste.`,
  /** Errors. */
  layerNotFound: (id: string) => `Aucune couche ${id} : la liste des couches est sur GET /api/basins/sources.`,
  unknownMeasure: (layer: string, measure: string, available: readonly string[]) =>
    `La couche « ${layer} » n’a pas de mesure numérique « ${measure} » : mesures disponibles ${available.length ? available.map((a) => quoted(a)).join(', ') : 'aucune'}.`,
  noPoints: (label: string) => `« ${label} » n’a aucun point localisé : choisissez une autre source.`,
  negativeSupply: (label: string, rows: readonly { key: string; value: string | null }[]) =>
    `Offre négative, vide ou non numérique pour ${plural(rows.length, 'point', 'points')} de « ${label} » : ${rows.slice(0, 8).map((r) => `${quoted(r.key)} (${r.value === null ? 'vide' : quoted(r.value)})`).join(', ')}${rows.length > 8 ? '…' : ''}. Une offre positive ou nulle est attendue : corrigez ces lignes ou choisissez une autre mesure.`,
  noActorOnNetwork: (label: string, snapM: number) =>
    `Aucun point de « ${label} » n’est sur le réseau routier (tous à plus de ${frNumber(snapM)} m d’une route) : pas de temps de trajet possible (voir offNetwork).`,
  supplyOffNetwork: (snapM: number) => `à plus de ${frNumber(snapM)} m de la route la plus proche du réseau : offre non comptée`,
  actorOffNetwork: (snapM: number) => `à plus de ${frNumber(snapM)} m de la route la plus proche du réseau : aucun temps de trajet calculé`,
  communeOffNetwork: (snapM: number) => `commune à plus de ${frNumber(snapM)} m d’une route du réseau (île sans route, DROM hors du réseau) : sans valeur`,
  tooManyZones: (n: number, max: number) => `${frNumber(n)} bassins à enregistrer en zones, au plus ${frNumber(max)} par calcul : enregistrez l’indicateur seul (save.zones: false) ou choisissez moins de points.`,
  indicatorNotFound: (id: string) => `Aucun indicateur calculé ${quoted(id)} : la liste est sur GET /api/indicators (qualité « computed »).`,
  badThresholds: (cutoffMin: number) => `Les seuils (thresholdsMin) doivent être positifs et ne pas dépasser la limite de recherche (${fr2(cutoffMin)} min).`,
} as const;
