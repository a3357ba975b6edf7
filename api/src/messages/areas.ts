/** Every word of the trade-area domain (domain/areas/**) a user reads, in French. */
import { frNumber } from './common.js';

const fr3 = (x: number) => frNumber(Math.round(x * 1000) / 1000);

export const areasText = {
  tooFewPairs: (n: number, min: number) =>
    `Calage impossible : ${frNumber(n)} couple(s) magasin × commune observé(s) avec un temps de trajet, il en faut au moins ${frNumber(min)}. `
    + 'Ajoutez des clients localisés ou élargissez la limite de temps.',
  singularDesign: (what: string) =>
    `Calage impossible : ${what}. Le modèle ne peut pas séparer l’effet de l’attractivité de celui du temps de trajet.`,
  constantAttractiveness: 'l’attractivité est la même pour tous les magasins observés (fixez γ ou donnez une mesure qui varie)',
  collinear: 'l’attractivité des magasins varie exactement comme leur temps de trajet (mesure et temps colinéaires)',
  constantTime: 'les temps de trajet ne varient pas entre magasins d’une même commune',
  paramOutOfBounds: (name: string, value: number, lo: number, hi: number) =>
    `Paramètre ${name} = ${fr3(value)} hors des bornes admises [${fr3(lo)} ; ${fr3(hi)}].`,
  fitAtBound: (name: string, lo: number, hi: number) =>
    `Le calage s’arrête sur une borne de ${name} [${fr3(lo)} ; ${fr3(hi)}] : les données ne déterminent pas bien ce paramètre.`,
  sizeMismatch: (field: string, expected: number, got: number) =>
    `${field} : ${frNumber(expected)} valeur(s) attendue(s), ${frNumber(got)} reçue(s).`,
  badAttractiveness: (i: number) =>
    `Attractivité du magasin n° ${frNumber(i + 1)} manquante, nulle ou négative : donnez une valeur positive.`,
  badThreshold: (x: number) => `Seuil ${fr3(x)} invalide : une part entre 0 et 1 est attendue (ex. 0,8 pour 80 %).`,
  badBreaks: 'Bornes de temps invalides : des durées positives en secondes, croissantes, sont attendues.',
  badCount: (i: number) => `Observation n° ${frNumber(i + 1)} : nombre ou mesure manquant ou négatif.`,
  badDemand: (c: number) => `Demande de la commune n° ${frNumber(c + 1)} manquante ou négative : une valeur positive ou nulle est attendue.`,
  needTimes: 'La limite de temps et l’exclusion des clients éloignés demandent les temps de trajet magasin × commune.',
  mciSparse: (meanPerPair: number) =>
    `MCI peu fiable ici : ${fr3(meanPerPair)} client(s) en moyenne par couple magasin × commune observé ; sur des effectifs aussi faibles, `
    + 'les couples sans client sont écartés et γ, λ sont sous-estimés. Préférez le calage par maximum de vraisemblance.',
  gammaFixed: 'L’attractivité est la même pour tous les magasins : γ n’a pas d’effet et reste à 1 ; seul λ est calé.',
  excludedCustomers: (count: number, ratio: number) =>
    `${frNumber(Math.round(count))} client(s) (${frNumber(Math.round(ratio * 1000) / 10)} %) non comptés : magasin hors du choix ou commune au-delà de la limite de temps.`,
  indexOutOfRange: (field: string, i: number, n: number) =>
    `${field} : indice ${frNumber(i)} hors de 0…${frNumber(n - 1)}.`,
} as const;
