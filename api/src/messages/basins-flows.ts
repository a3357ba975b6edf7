/** Every French sentence of the patient-flow basins API (services/basins-flows.ts, routes/basins-flows.ts). */
import { frNumber, plural } from './common.js';

const pct = (x: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(x);

export type FlowUnit = 'establishment' | 'town' | 'legal_entity';

export const basinFlowsText = {
  unitLabel: { establishment: 'établissement', town: 'ville hospitalière (commune de l’établissement)', legal_entity: 'entité juridique' } as Record<FlowUnit, string>,
  label: (unit: FlowUnit, dataset: string) => `Bassins de patientèle par ${basinFlowsText.unitLabel[unit]} — ${dataset}`,
  method: (minLi: number, minStays: number, contiguity: boolean) =>
    `Chaque code géographique PMSI va à l’unité qui reçoit le plus de ses séjours (pluralité)${contiguity ? ' ; un code non contigu au reste de son bassin rejoint le bassin voisin auquel il envoie le plus de séjours' : ''} ; `
    + `un bassin dont l’indice de localisation est sous ${pct(minLi)} ou qui compte moins de ${frNumber(minStays)} séjours de ses résidents fusionne avec le bassin voisin auquel ses résidents envoient le plus de séjours, jusqu’à stabilité (méthode du Dartmouth Atlas, variante reproductible).`,
  modelledNote: 'Flux modélisés, non observés : les bassins décrivent le modèle, pas les parcours réels des patients.',
  observedNote: 'Flux observés importés (PMSI) : séjours « 1 à 10 » masqués non comptés.',
  townRule: 'Commune d’un établissement : celle de son site FINESS ; pour une entité juridique sans site propre, la commune qui compte le plus de ses sites rattachés (à égalité, la plus peuplée).',
  legalEntityRule: 'Entité juridique : l’établissement lui-même s’il en est une ; sinon celle de son rattachement (corrections comprises) ; un établissement sans entité juridique reste sa propre unité.',
  withoutLegalEntity: (n: number) => `${plural(n, 'établissement', 'établissements')} sans entité juridique connue : ${n > 1 ? 'chacun reste sa propre unité' : 'il reste sa propre unité'}.`,
  withoutTown: (n: number) => `${plural(n, 'établissement', 'établissements')} sans commune connue (ni site FINESS ni site rattaché) : ${n > 1 ? 'chacun reste sa propre unité' : 'il reste sa propre unité'}, sans ancrage pour la contiguïté.`,
  unknownTownLabel: (name: string) => `${name} (commune inconnue)`,
  unassigned: (noStays: number, noCode: number) =>
    `${plural(noStays + noCode, 'commune', 'communes')} sans bassin : ${frNumber(noStays)} dont le code géographique n’a aucun séjour dans ce jeu de flux, ${frNumber(noCode)} sans code géographique PMSI dans la table de correspondance (COG 2026 ↔ codes géo 2019).`,
  isolated: (n: number) => `${plural(n, 'code géographique', 'codes géographiques')} avec séjours hors de la table de voisinage 2017 (DROM, codes d’une autre année) : sans voisin, ${n > 1 ? 'ils ne peuvent' : 'il ne peut'} ni rejoindre ni absorber un bassin voisin.`,
  moveReason: 'non contigu au reste de son bassin',
  mergeReason: { size: 'trop peu de séjours', localization: 'indice de localisation trop faible' } as Record<'size' | 'localization', string>,
  unmergeableReason: 'sans bassin voisin (île, code sans voisinage) : reste seul malgré le seuil',
  notStable: (passes: number) => `Contiguïté non stabilisée après ${frNumber(passes)} passes : des codes peuvent rester détachés de leur bassin.`,
  caseMixUnavailable: (dataset: string) =>
    `Le jeu de flux « ${dataset} » n’a pas de colonne d’activité (GHM, CMD ou groupe de planification) : seuls « tous séjours » sont disponibles. Retirez « caseMix » ou importez un fichier qui porte l’activité.`,
  noFlows: (dataset: string) => `Le jeu de flux « ${dataset} » ne compte aucun séjour : choisissez une autre année ou un autre jeu (GET /api/basins/sources).`,
  compareSame: 'Choisissez deux jeux de flux différents à comparer (deux années).',
  zoneName: (name: string, basin: string) => `${name} — ${basin}`,
  outlineRule: 'Contour dessiné par l’union des codes géographiques PMSI du bassin (fond ATIH 2017 simplifié) ; les membres sont les communes de ces codes.',
  zoneDescription: (label: string, basin: string, li: number, stays: number) =>
    `${label}. Bassin de ${basin} : indice de localisation ${pct(li)}, ${frNumber(Math.round(stays))} séjours de ses résidents.`,
};
