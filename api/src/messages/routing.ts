/** Every word of the drive-time API (routes/routing.ts, services/routing*.ts, services/isochrone.ts, engine/routing-host.ts) a user reads, in French. */
import { frNumber } from './common.js';

const metres = (m: number) => `${frNumber(Math.round(m))} m`;
const coords = ([lon, lat]: readonly [number, number]) => `[${lon}, ${lat}]`;
const FIELD: Record<string, string> = { from: 'le départ', to: 'l’arrivée', origin: 'l’origine', sources: 'l’origine', targets: 'la destination' };

export const routingText = {
  /** How a commune's drive time is measured in isochrones (API payload and panel say the same). */
  communeTimeRule:
    'Temps d’une commune : temps en voiture depuis l’origine jusqu’à la route la plus proche de son point central '
    + '(point intérieur de la commune, affiché sur la carte), sans le trajet d’approche hors réseau — c’est le temps '
    + 'que montrent les bandes dessinées à cet endroit. Une commune est comptée dans « ≤ 10 min » si ce temps est '
    + 'd’au plus 10 minutes. Clients et établissements comptent, eux, jusqu’à leur propre adresse (approche comprise).',
  maxSnapRule: (maxSnapM: number) =>
    `Chaque point est rattaché à la route la plus proche (snappedLonLat, snapDistanceM) ; au-delà de ${metres(maxSnapM)} il n’est pas rattaché (null).`,
  tooFarFromRoad: (distanceM: number | null, maxSnapM: number) => distanceM === null
    ? `aucune route du réseau à moins de ${metres(maxSnapM)} : point non rattaché (augmentez maxSnapM si le point est juste).`
    : `la route la plus proche est à ${metres(distanceM)}, au-delà de la limite de ${metres(maxSnapM)} : point non rattaché (augmentez maxSnapM pour l’accepter).`,
  noRoadLink: 'pas de liaison routière (île) : les deux points sont sur des réseaux routiers séparés (ex. Corse et continent, sans bac).',
  noRouteOneWay: 'aucun itinéraire entre ces points sur le réseau actif (sens interdits ou routes fermées).',
  offNetworkOutside: (field: string, p: readonly [number, number], source: string, bbox: string) =>
    `${FIELD[field] ?? field} ${coords(p)} est hors du réseau routier actif (${source}, emprise ${bbox}) : les cinq DROM n’ont pas encore de réseau routier. Vérifiez l’ordre [lon, lat].`,
  offNetworkFar: (field: string, p: readonly [number, number], maxSnapM: number) =>
    `${FIELD[field] ?? field} ${coords(p)} : aucune route du réseau actif à moins de ${metres(maxSnapM)}. Choisissez un point plus proche d’une route ou augmentez maxSnapM.`,
  notAvailable: (reason: string) => `Temps de trajet indisponibles : ${reason}.`,
  tooManyPoints: (max: number, n: number, m: number) =>
    `Une matrice prend au plus ${frNumber(max)} origines × ${frNumber(max)} destinations ; reçu ${frNumber(n)} × ${frNumber(m)}. Découpez-la en blocs.`,
  unknownCommune: (field: string, i: number, code: string) =>
    `${field}[${i}] : aucune commune ${code} localisée (code COG 2026 attendu, ex. 35238).`,
  badLonLat: (field: string, text: string) => `${field} : « lon,lat » en degrés WGS84 attendu ; reçu « ${text} ».`,
  lonLatRange: 'coordonnées [lon, lat] en degrés WGS84 attendues (lon −180…180, lat −90…90) : inversées, ou en mètres Lambert-93 ?',
  status: {
    noGraphConfigured: 'aucun réseau routier configuré (MAILLAGE_ROAD_GRAPH)',
    missingCompact: (file: string) => `aucun réseau routier : ${file} est absent et MAILLAGE_ROAD_GRAPH n’est pas défini`,
    loading: 'chargement du réseau routier',
    building: 'le réseau routier national est en cours de construction à partir de data/roads (premier démarrage seulement, environ une minute)',
    buildFailed: (code: number | null, out: string) => `la construction du réseau routier a échoué (code ${code}) : ${out}`,
    graphMissing: (file: string) => `fichier de réseau ${file} introuvable : lancez \`npm run roads:import -- <fichier>\``,
    noHierarchy: (file: string) => `${file} n’a pas de hiérarchie de contraction : reconstruisez-le avec npm run roads:import`,
  },
};
