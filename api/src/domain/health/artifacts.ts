import type { EntitySiteLink } from './linkage.js';

/** Shape of data/health/manifest.json (provenance and build report of the health artifacts). */
export interface HealthManifest {
  builtFrom: string;
  finessExtractDate: string;
  activityYears: [number, number];
  correspYear: number;
  modelledFlows: {
    year: number; synthetic: true; label: string; params: unknown; establishmentCount: number; rowCount: number; unlocatedEstablishments: string[];
    /** Drive-time model (scripts/health-model-flows.ts --graph): the road network and what it could not reach. */
    model?: string; network?: { source: string; sourceDate?: string; nodeCount: number }; zonesOffNetwork?: string[]; establishmentsOffNetwork?: string[]; builtFrom?: string;
  };
  activityDuplicates: { year: number; finess: string; names: (string | null)[]; sameFigures: boolean }[];
  parseReport: { file: string; rows: number; errors: number; skipped: number }[];
  bpe: { gpUnmapped: { code: string; count: number }[]; maternityUnmapped: { code: string; count: number }[]; gpRemappedCount: number; maternityRemappedCount: number; gpTotal: number; maternityTotal: number };
  corresp: { unmapped: { code: string; name: string }[]; communesWithSeveralZones: string[] };
}

/** The site that represents an establishment on the map: its best-scored link (ties → lowest FINESS). */
export function primarySites(links: EntitySiteLink[]): Map<string, string> {
  const best = new Map<string, EntitySiteLink>();
  for (const l of links) {
    const b = best.get(l.ej);
    if (!b || l.score > b.score || (l.score === b.score && l.et < b.et)) best.set(l.ej, l);
  }
  return new Map([...best.entries()].map(([ej, l]) => [ej, l.et]));
}
