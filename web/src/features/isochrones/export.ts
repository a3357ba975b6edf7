import { downloadPost } from '../../state/download';
import { handleError } from '../../state/actions';

/** The body of the last isochrone request (origin, breaks): the downloads ask the API for the same isochrone. */
let lastRequest: { origin: [number, number] | { communeCode: string }; breaksMin: number[] } | null = null;

export function rememberIsochroneRequest(body: typeof lastRequest) {
  lastRequest = body;
}

/** Downloads the current isochrone: `geojson` (bands, for QGIS) or `csv` (communes with their times, for Excel). */
export async function downloadIsochrone(format: 'geojson' | 'csv') {
  if (!lastRequest) return;
  try {
    await downloadPost(`${location.origin}/api/routing/isochrones/export?format=${format}`, lastRequest, `isochrone.${format}`);
  } catch (e) {
    handleError(e);
  }
}
