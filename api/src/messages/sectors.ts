/** Every word of the sales-sectors domain (domain/sectors/**) a user reads, in French. */
import { frNumber, plural } from './common.js';

const pct = (ratio: number) => `${frNumber(Math.round(ratio * 1000) / 10)} %`;

export const sectorsText = {
  sizeMismatch: (field: string, expected: number, got: number) =>
    `${field} : ${frNumber(expected)} valeur(s) attendue(s), ${frNumber(got)} reçue(s).`,
  indexOutOfRange: (field: string, i: number, n: number) => `${field} : indice ${frNumber(i)} hors de 0…${frNumber(n - 1)}.`,
  badMeasure: (field: string, c: number) =>
    `${field} de la commune n° ${frNumber(c + 1)} manquant(e) ou négatif(ve) : une valeur positive ou nulle est attendue (choisissez de compter les valeurs manquantes pour 0 ou d’exclure ces communes).`,
  noSectors: 'Aucun secteur : créez au moins un secteur avant d’optimiser.',
  sharedBase: (a: number, b: number) =>
    `Les secteurs n° ${frNumber(a + 1)} et n° ${frNumber(b + 1)} ont leur base dans la même commune : placez l’une des bases dans une commune voisine.`,
  missingBase: (s: number) => `Le secteur n° ${frNumber(s + 1)} n’a pas de base : donnez-lui une adresse ou une commune de départ.`,
  unreachable: (count: number, first: number) =>
    `${plural(count, 'commune')} ne sont atteintes depuis aucune base (ex. commune n° ${frNumber(first + 1)}) : vérifiez que les bases sont sur le réseau routier ou excluez ces communes.`,
  badTolerance: (field: string, x: number) =>
    `${field} = ${frNumber(x)} invalide : un écart relatif entre 0 et 1 est attendu (ex. 0,1 pour ± 10 %).`,
  noPotential: 'Un second critère d’équilibre est demandé mais aucune mesure de potentiel n’est fournie : choisissez un indicateur de potentiel.',
  noCurrentPlan: 'Les verrous et le mode « perturbation minimale » demandent le plan actuel : enregistrez d’abord une affectation.',
  zeroWorkload: 'La charge totale des secteurs libres est nulle : choisissez une mesure de charge (comptes clients, visites…) renseignée.',
  infeasibleBalance: (toleranceRatio: number, tightestRatio: number, potentialRatio?: number) =>
    `Équilibre à ± ${pct(toleranceRatio)} impossible avec les verrous et la contiguïté demandés : la tolérance la plus serrée réalisable est ± ${pct(tightestRatio)}`
    + (potentialRatio !== undefined ? ` sur la charge (± ${pct(potentialRatio)} sur le potentiel)` : '') + '. Relâchez la tolérance ou retirez des verrous.',
  noFeasiblePlan: 'Aucun plan ne respecte les verrous et la contiguïté, quelle que soit la tolérance : retirez des verrous ou déplacez une base.',
  solverFailed: (status: string) => `Le solveur exact s’est arrêté sans solution (${status}) : réessayez avec un délai plus long ou utilisez l’heuristique.`,
  tooManyBases: (k: number, n: number) =>
    `${plural(k, 'base')} demandée(s) pour ${plural(n, 'commune')} candidate(s) : choisissez au plus ${frNumber(n)} bases.`,
  badBaseCount: (k: number) => `Nombre de bases ${frNumber(k)} invalide : un entier d’au moins 1 est attendu.`,
  solveStatus: {
    optimal: 'optimum prouvé', timeLimit: 'délai atteint (meilleure solution trouvée, écart à la borne indiqué)', heuristic: 'heuristique (écart à la borne indiqué)',
  } as Record<'optimal' | 'timeLimit' | 'heuristic', string>,
} as const;
