/** Every word of the healthcare-basins domain (domain/basins/**) a user reads, in French. */
import { frNumber } from './common.js';

const fr2 = (x: number) => frNumber(Math.round(x * 100) / 100);

export const basinsText = {
  badAdjacency: (n: number) => `Table de voisinage des codes géographiques invalide (${frNumber(n)} codes attendus, voisinage symétrique).`,
  sizeMismatch: (field: string, expected: number, got: number) =>
    `${field} : ${frNumber(expected)} valeur(s) attendue(s), ${frNumber(got)} reçue(s).`,
  indexOutOfRange: (field: string, i: number, n: number) => `${field} : indice ${frNumber(i)} hors de 0…${frNumber(n - 1)}.`,
  badStays: (i: number) => `Ligne de flux n° ${frNumber(i + 1)} : nombre de séjours manquant ou négatif.`,
  noFlows: 'Aucun séjour dans la table de flux : choisissez une autre année ou une autre activité.',
  catchmentOutOfRange: (min: number) =>
    `Temps d’accès maximal de ${fr2(min)} min invalide : une durée de plus de 0 et d’au plus 180 minutes est attendue.`,
  negativeSupply: (j: number) => `Offre du point n° ${frNumber(j + 1)} manquante ou négative : une valeur positive ou nulle est attendue.`,
  badDemand: (c: number) => `Population de la commune n° ${frNumber(c + 1)} manquante ou négative : une valeur positive ou nulle est attendue.`,
  badSteps: 'Paliers de temps invalides : des limites en minutes croissantes et des poids entre 0 et 1 (autant que de limites) sont attendus.',
  badThreshold: (field: string, x: number) => `${field} = ${fr2(x)} invalide : une part entre 0 et 1 est attendue (ex. 0,5 pour 50 %).`,
  badMinStays: (x: number) => `Taille minimale de ${fr2(x)} séjours invalide : un nombre positif ou nul est attendu.`,
  badThresholdTime: (min: number, cutoffMin: number) =>
    `Seuil de ${fr2(min)} min invalide : il doit être positif et ne pas dépasser la limite de recherche (${fr2(cutoffMin)} min).`,
  decayLabel: { binary: 'seuil simple (2SFCA)', steps: 'paliers (E2SFCA)', gaussian: 'gaussienne' } as Record<'binary' | 'steps' | 'gaussian', string>,
  mergeReason: { size: 'trop peu de séjours', localization: 'indice de localisation trop faible' } as Record<'size' | 'localization', string>,
} as const;
