/** Every word of the map a user reads (MapLibre controls, chooser, account card, point legend): one catalogue. */

/** MapLibre's own strings (its `locale` option): control tooltips and aria-labels in French. */
export const MAPLIBRE_LOCALE_FR: Record<string, string> = {
  'AttributionControl.ToggleAttribution': "Afficher l'attribution",
  'AttributionControl.MapFeedback': 'Signaler un problème sur la carte',
  'FullscreenControl.Enter': 'Plein écran',
  'FullscreenControl.Exit': 'Quitter le plein écran',
  'GeolocateControl.FindMyLocation': 'Me localiser',
  'GeolocateControl.LocationNotAvailable': 'Position non disponible',
  'LogoControl.Title': 'Logo MapLibre',
  'Map.Title': 'Carte',
  'Marker.Title': 'Repère',
  'NavigationControl.ResetBearing': 'Faire pivoter la carte (clic : nord en haut)',
  'NavigationControl.ZoomIn': 'Zoom avant',
  'NavigationControl.ZoomOut': 'Zoom arrière',
  'Popup.Close': 'Fermer',
  'ScaleControl.Feet': 'ft',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
  'ScaleControl.Miles': 'mi',
  'ScaleControl.NauticalMiles': 'nmi',
  'GlobeControl.Enable': 'Afficher le globe',
  'GlobeControl.Disable': 'Masquer le globe',
  'TerrainControl.Enable': 'Afficher le relief',
  'TerrainControl.Disable': 'Masquer le relief',
  'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl + molette pour zoomer la carte',
  'CooperativeGesturesHandler.MacHelpText': '⌘ + molette pour zoomer la carte',
  'CooperativeGesturesHandler.MobileHelpText': 'Deux doigts pour déplacer la carte',
};

const fmtCount = (n: number) => n.toLocaleString('fr-FR');

export const MAP_MESSAGES = {
  mapLabel: 'Carte des communes',
  chooserTitle: (n: number) => `${fmtCount(n)} objets à cet endroit : lequel ouvrir ?`,
  chooserLabel: 'Choisir un objet de la carte',
  chooserMore: (n: number) => `… et ${fmtCount(n)} autre${n > 1 ? 's' : ''} : zoomez pour les séparer`,
  chooserHealthKind: 'Établissement de santé',
  chooserAccountKind: (layerName: string) => `Compte · ${layerName}`,
  accountLabel: (name: string) => `Compte ${name}`,
  accountCommune: 'Commune',
  accountKey: 'Identifiant',
  accountCategory: 'Catégorie',
  accountLocated: 'Localisé par',
  synthetic: 'synthétique',
  close: 'Fermer',
  // point legend (customer layers, from zoom 8)
  pointsTitle: 'Points des couches',
  pointsColourBy: 'Colorer les points par',
  pointsFromZoom: (zoom: number) => `points un par un à partir du zoom ${zoom}`,
  pointsToggle: (value: string, shown: boolean) => `${shown ? 'Masquer' : 'Afficher'} les points « ${value} »`,
  pointsHiddenCount: (n: number) => `${fmtCount(n)} valeur${n > 1 ? 's' : ''} masquée${n > 1 ? 's' : ''} — cliquez pour réafficher`,
  pointsOther: 'autres',
  noValue: '(vide)',
  // outlines
  outlinesTitle: 'Contours',
  outlineCommune: 'limite de commune',
  outlineDepartement: 'limite de département',
  outlinePmsi: 'code géographique PMSI',
  outlineDrawn: 'polygone dessiné',
};

/** Fields every point has, offered to colour points by, with their French names. */
export const POINT_FIELD_LABELS: Record<string, string> = {
  category: 'Catégorie',
  precision: 'Précision de localisation',
  locatedVia: 'Mode de localisation',
  departement: 'Département',
};

/** Known measure names (imports, demo CRM) → French label; others are humanised from their name. */
const MEASURE_LABELS: Record<string, string> = {
  ca: 'CA', ca_eur: 'CA', caeur: 'CA', ca_2024: 'CA 2024', ca_2025: 'CA 2025', chiffre_affaires: "Chiffre d'affaires",
  visites: 'Visites', visits: 'Visites', segment: 'Segment', potentiel: 'Potentiel', effectif: 'Effectif', surface_m2: 'Surface',
};

/** Units as a French reader writes them. */
const UNIT_LABELS: Record<string, string> = { eur: '€', euro: '€', euros: '€', '€': '€', keur: 'k€', 'k€': 'k€', pct: '%', percent: '%', '%': '%', m2: 'm²', km: 'km', 'visites/an': 'par an' };

/** "ca_eur" / "caEur" / "nombre_visites" → words. */
function humanise(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** Human label of a measure for cards and legends: "CA (€)" for ca_eur in EUR, not `caEur`. */
export function fieldLabel(name: string, unit?: string | null): string {
  const key = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  let label = MEASURE_LABELS[key] ?? MEASURE_LABELS[key.replace(/_/g, '')] ?? humanise(name);
  let u = unit?.trim() ? (UNIT_LABELS[unit.trim().toLowerCase()] ?? unit.trim()) : null;
  // a unit carried by the name alone ("ca_eur", "caEur") still reads as one
  if (!u && /(^|_)eur$/.test(key)) u = '€';
  if (u) label += ` (${u})`;
  return label;
}
