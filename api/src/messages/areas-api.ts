/** Every French sentence the trade-areas API sends (services/areas*, routes/areas): errors, labels, notes. */
import { frList, frNumber, plural, quoted } from './common.js';

const rows = (list: readonly number[], max = 12) =>
  list.length > max ? `${list.slice(0, max).map(frNumber).join(', ')}… (${frNumber(list.length)} au total)` : list.map(frNumber).join(', ');
const values = (list: readonly string[], max = 12) =>
  list.length > max ? `${list.slice(0, max).map((v) => quoted(v)).join(', ')}… (${frNumber(list.length)} au total)` : list.map((v) => quoted(v)).join(', ');

export const areasApiText = {
  layerNotFound: (id: string) => `Aucune couche ${id} : la liste des couches est sur GET /api/layers.`,
  noPoints: (layer: string) => `La couche « ${layer} » n’a aucun point : importez-y des points de vente localisés ou choisissez une autre couche.`,
  unknownField: (layer: string, field: string, available: readonly string[]) =>
    `La couche « ${layer} » n’a pas de colonne « ${field} » : colonnes disponibles ${available.length ? frList(available.map((a) => `« ${a} »`)) : '« category » seulement'}.`,
  badMeasure: (layer: string, measure: string, list: readonly { row: number; value: string | null }[]) =>
    `Attractivité « ${measure} » de la couche « ${layer} » vide, non numérique, nulle ou négative sur ${plural(list.length, 'ligne')} (lignes ${rows(list.map((r) => r.row))}) : `
    + 'corrigez ces lignes et réimportez la couche, ou choisissez une autre mesure (ou aucune : attractivité 1 pour tous).',
  duplicateKeys: (keys: readonly string[]) =>
    `${plural(keys.length, 'identifiant de point de vente apparaît', 'identifiants de points de vente apparaissent')} dans plusieurs couches : ${values(keys)}. Les identifiants doivent être uniques pour relier clients et magasins.`,
  unknownRoleKeys: (keys: readonly string[]) =>
    `Rôle donné à la main pour ${plural(keys.length, 'point de vente inconnu', 'points de vente inconnus')} : ${values(keys)}.`,
  unknownStoreKeys: (list: readonly { key: string; rows: number[] }[], total: number) =>
    `${plural(list.length, 'clé de magasin ne correspond', 'clés de magasin ne correspondent')} à aucun point de vente choisi : `
    + list.slice(0, 8).map((k) => `${quoted(k.key)} (lignes ${rows(k.rows, 5)})`).join(' ; ')
    + `${list.length > 8 ? ' ; …' : ''} — ${plural(total, 'client concerné', 'clients concernés')}. Ajoutez ces magasins aux points de vente ou corrigez la colonne de clé.`,
  noStoreKey: (n: number, firstRows: readonly number[]) =>
    `${plural(n, 'client n’a', 'clients n’ont')} pas de clé de magasin (lignes ${rows(firstRows)}) : complétez la colonne ou choisissez le rattachement au magasin le plus proche.`,
  noCustomers: (layer: string) => `La couche de clients « ${layer} » n’a aucun client rattaché à une commune.`,
  noOwnStore: 'Aucun point de vente n’est marqué « propre » : indiquez la colonne et la valeur qui désignent votre réseau, ou marquez des points à la main.',
  unknownKey: (key: string) => `Aucun point de vente de clé ${quoted(key)} dans la sélection.`,
  noReachableStore: 'Aucun point de vente n’est atteignable sur le réseau routier : ils sont tous hors réseau (voir offNetwork).',
  tooManyZones: (n: number, max: number) => `${frNumber(n)} zones à enregistrer, au plus ${frNumber(max)} par calcul : choisissez les magasins (save.storeKeys).`,
  candidateOffNetwork: (name: string, reason: string) => `Le site candidat « ${name} » n’est pas sur le réseau routier : ${reason}`,
  scenarioRequestInvalid: 'Le scénario enregistré ne peut pas être relu : sa requête n’a pas le format attendu.',
  storeOffNetwork: (snapM: number) => `à plus de ${frNumber(snapM)} m de la route la plus proche du réseau : aucun temps de trajet calculé`,
  communeOffNetwork: (snapM: number) => `commune à plus de ${frNumber(snapM)} m d’une route du réseau (île sans route, DROM hors du réseau) : laissée de côté`,
  /** Labels (payloads, zone names and notes). */
  syntheticLabel: 'Données synthétiques (démonstration) : aucun magasin ni client réel.',
  modelledLabel: 'Résultat modélisé (modèle de Huff) : probabilités estimées, pas des observations.',
  populationDemand: 'Demande = population municipale (INSEE)',
  spendingDemand: (eur: number, weighted: boolean) =>
    `Demande = potentiel de dépense estimé : population × ${frNumber(eur)} € par habitant${weighted ? ', pondéré par le revenu médian de la commune rapporté à celui de la France (Filosofi 2021 ; poids 1 où il est couvert par le secret statistique)' : ''}`,
  timeRule: 'Temps de trajet en voiture de la commune (route la plus proche de son point) jusqu’au point de vente, sur le réseau routier chargé.',
  zoneName: (name: string, store: string, what: string) => `${name} — ${store} — ${what}`,
  networkName: (name: string, what: string) => `${name} — réseau propre — ${what}`,
  huffContour: (ratio: number) => `probabilité ≥ ${frNumber(Math.round(ratio * 100))} %`,
  bandLabel: (min: number) => `${frNumber(min)} min`,
  exclusiveLabel: (cutoffMin: number) => `zone exclusive (≤ ${frNumber(cutoffMin)} min)`,
  tierLabel: (ratio: number) => `${frNumber(Math.round(ratio * 100))} % des clients`,
  tierNames: ['primaire', 'secondaire', 'tertiaire'] as readonly string[],
  candidateName: (i: number) => `Site candidat ${i + 1}`,
  probabilityLayerName: (name: string) => `${name} — part du réseau propre (Huff, modélisé)`,
  probabilityLayerSource: (method: string) => `Calculé par le modèle de Huff (Maillage, /api/areas/huff) : ${method}`,
};
