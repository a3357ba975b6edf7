/** French labels of the import report's codes (api/src/domain/imports/geocode.ts). */
export const LOCATED_VIA_LABEL: Record<string, string> = {
  coordinates: 'coordonnées', lambert93: 'Lambert-93', commune_code: 'code commune', old_commune_code: 'ancien code commune',
  postcode_city: 'code postal + ville', postcode: 'code postal (centroïde)',
};

export const PRECISION_LABEL: Record<string, string> = { coordinates: 'coordonnées', commune: 'centroïde de commune', postcode: 'centroïde de code postal' };
