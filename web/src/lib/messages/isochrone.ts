/** Every word of the drive-time tool a user reads (web/src/features/isochrones/). */
const NUMBER = new Intl.NumberFormat('fr-FR');

export const fr = (n: number) => NUMBER.format(n);

/**
 * A drive time in whole minutes, rounded UP: a place shown at "10 min" is within the "≤ 10 min" band, one at
 * 10.4 min shows "11 min" and sits in the next band (rounding to the nearest would list it at "10 min").
 */
export const minutesUp = (sec: number) => `${fr(Math.ceil(sec / 60 - 1e-9))} min`;

/** A band's threshold ("≤ 7,5 min"). */
export const bandLabel = (breakSec: number) => `≤ ${fr(Math.round((breakSec / 60) * 10) / 10)} min`;

export const ISO = {
  eyebrow: 'Temps de trajet en voiture',
  toolOn: 'Cliquez sur la carte…',
  toolOff: 'Isochrones',
  saveAsZone: 'Enregistrer comme zone',
  saveBandAria: (band: string) => `Enregistrer la bande ${band} comme zone`,
  saveTitle: 'Enregistrer les communes de cette bande comme zone (chaque commune selon son propre temps de trajet)',
  saveEmpty: 'Aucune commune dans cette bande',
  bandZoneName: (band: string, origin: string) => `${band} autour de ${origin}`,
  zoneName: 'Nom de la zone',
  save: 'Enregistrer',
  cancel: 'Annuler',
  toolStatus: 'Cliquez sur la carte : chaque clic trace les isochrones depuis ce point (Échap pour arrêter)',
  unavailable: (reason: string) => `Indisponible : ${reason}`,
  loading: 'Chargement…',
  computing: 'Calcul…',
  breaks: 'Seuils (minutes)',
  breaksAria: 'Seuils en minutes',
  from: (name: string) => `Depuis ${name}`,
  network: (source: string, attribution: string) => `Réseau : ${source} · ${attribution}`,
  syntheticBadge: 'clients synthétiques',
  syntheticTitle: 'Les clients comptés incluent la couche de démonstration synthétique',
  bandsCaption: 'Ce que contient chaque bande (cumulé : « ≤ 20 min » inclut « ≤ 10 min »)',
  band: 'Bande',
  communes: 'Communes',
  population: 'Population',
  customers: 'Clients',
  customersTitle: 'Points des couches visibles, chacun par son propre temps de trajet (jusqu’à son adresse)',
  sites: 'Établ.',
  sitesTitle: 'Sites hospitaliers FINESS',
  layersCaption: 'Clients par couche visible et par bande',
  layer: 'Couche',
  synthetic: ' (synthétique)',
  communeList: (n: number) => `Communes (${fr(n)})`,
  commune: 'Commune',
  time: 'Temps',
  timeNote: 'Temps arrondis à la minute supérieure : une commune affichée à « 10 min » est dans la bande « ≤ 10 min ».',
  sitesList: (n: number) => `Établissements de santé (${fr(n)})`,
  customersList: (shown: number, total: number) => `Clients les plus proches (${fr(shown)}${shown < total ? ` sur ${fr(total)}` : ''})`,
  clear: 'Effacer',
  snapped: (m: number) => `point de départ rattaché à la route à ${fr(Math.round(m))} m`,
} as const;
