/** Every word of the drive-time matrix tool and the export buttons a user reads (MatrixPanel, IsochronePanel downloads). */

export const MATRIX = {
  inputLabel: 'Communes (nom ou code INSEE) ou départements',
  placeholder: 'Le Pecq, Saint-Denis (93), 78551 ou 92',
  hint: 'Séparez par des virgules ; un nom porté par plusieurs communes se précise avec le département : « Saint-Denis (93) ».',
  unknownCodes: (codes: readonly string[]) => `Codes non reconnus (commune INSEE à 5 caractères ou département) : ${codes.join(', ')}`,
  unresolved: (messages: readonly string[]) => messages.join(' '),
} as const;

export const DOWNLOADS = {
  isochroneGeoJson: 'Bandes (GeoJSON)',
  isochroneGeoJsonTitle: 'Les bandes de temps de trajet, pour QGIS, avec leur provenance',
  isochroneCsv: 'Communes et temps (CSV)',
  isochroneCsvTitle: 'Chaque commune de l’isochrone avec son temps, sa bande et sa population (CSV pour Excel)',
  groupLabel: 'Télécharger',
} as const;
