import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import type { Seeder } from './types.js';
import { importLayer } from '../../services/imports.js';

const FILE = join(DATA_DIR, 'demo', 'crm-synthetique.csv.gz');
export const DEMO_CRM_LAYER = 'Démo CRM — données synthétiques';

/** Loads the labelled SYNTHETIC demo CRM through the same import pipeline a user's file goes through. */
export const demoCrmSeeder: Seeder = {
  name: 'demo-crm',
  dependsOn: ['territory'],
  // "p2": the import pipeline reads the file differently (lone "46.207" is a decimal since then): reload once.
  version: () => `demo-crm-p2-${createHash('sha256').update(readFileSync(FILE)).digest('hex').slice(0, 16)}`,
  async load(database, progress) {
    const bytes = gunzipSync(readFileSync(FILE));
    const result = await importLayer(
      database,
      {
        fileName: 'crm-synthetique.csv',
        bytes,
        mapping: {
          key: 'id', name: 'nom', category: 'categorie', lon: 'longitude', lat: 'latitude', date: 'derniere_visite',
          measures: [
            { column: 'ca_eur', name: 'ca_eur', unit: 'EUR', type: 'number' },
            { column: 'visites', name: 'visites', unit: 'visites/an', type: 'number' },
            { column: 'segment', name: 'segment', type: 'category' },
          ],
        },
        layer: {
          name: DEMO_CRM_LAYER,
          kind: 'internal',
          description: "Données SYNTHÉTIQUES de démonstration : 20 000 comptes fictifs (pharmacies, cabinets, commerces) répartis dans les communes au prorata de leur population (INSEE 2023). Aucune donnée réelle de client.",
          sourceNote: 'Généré par scripts/gen-demo-crm.ts (graine fixe) à partir des populations INSEE et des contours IGN',
          synthetic: true,
        },
        user: 'démo',
      },
      (n) => (n % 5000 === 0 ? progress(`${n.toLocaleString('fr-FR')} comptes`) : undefined),
    );
    return { imported: result.report.imported, rejected: result.report.rejected };
  },
};
