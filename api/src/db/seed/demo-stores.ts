import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import type { Seeder } from './types.js';
import { importLayer } from '../../services/imports.js';
import { updateLayer } from '../../repositories/layers.js';

const STORES_FILE = join(DATA_DIR, 'demo', 'magasins-synthetiques.csv.gz');
const CUSTOMERS_FILE = join(DATA_DIR, 'demo', 'clients-magasins-synthetiques.csv.gz');
export const DEMO_STORES_LAYER = 'Démo points de vente — données synthétiques';
export const DEMO_STORE_CUSTOMERS_LAYER = 'Démo clients des magasins — données synthétiques';

/**
 * The labelled SYNTHETIC trade-area demo (scripts/gen-demo-stores.ts): 120 own stores and 200 competitors, and
 * 30,000 customers of the own stores with their store key, drawn from a Huff model with known γ = 0.9 and
 * λ = 1.9 (power decay) — so calibration can be tried on the first start. Loaded through the import pipeline.
 */
export const demoStoresSeeder: Seeder = {
  name: 'demo-stores',
  dependsOn: ['territory'],
  version: () => `demo-stores-hidden-${createHash('sha256').update(readFileSync(STORES_FILE)).update(readFileSync(CUSTOMERS_FILE)).digest('hex').slice(0, 16)}`,
  async load(database, progress) {
    const stores = await importLayer(database, {
      fileName: 'magasins-synthetiques.csv',
      bytes: gunzipSync(readFileSync(STORES_FILE)),
      mapping: {
        key: 'id', name: 'nom', category: 'enseigne', lon: 'longitude', lat: 'latitude',
        measures: [
          { column: 'reseau', name: 'reseau', type: 'category' },
          { column: 'surface_m2', name: 'surface_m2', unit: 'm²', type: 'number' },
        ],
      },
      layer: {
        name: DEMO_STORES_LAYER,
        kind: 'internal',
        description: 'Données SYNTHÉTIQUES de démonstration : 120 magasins fictifs de l’enseigne « Maillage Market » (reseau = propre) et 200 concurrents fictifs (reseau = concurrent), placés au prorata de la population (INSEE 2023), surface de vente tirée au hasard. Aucun magasin réel.',
        sourceNote: 'Généré par scripts/gen-demo-stores.ts (graine fixe)',
        synthetic: true,
      },
      user: 'démo',
    });
    progress(`${stores.report.imported} points de vente`);
    const customers = await importLayer(
      database,
      {
        fileName: 'clients-magasins-synthetiques.csv',
        bytes: gunzipSync(readFileSync(CUSTOMERS_FILE)),
        mapping: {
          key: 'id', communeCode: 'code_insee',
          measures: [
            { column: 'magasin', name: 'magasin', type: 'category' },
            { column: 'ca_eur', name: 'ca_eur', unit: 'EUR', type: 'number' },
          ],
        },
        layer: {
          name: DEMO_STORE_CUSTOMERS_LAYER,
          kind: 'internal',
          description: 'Données SYNTHÉTIQUES de démonstration : 30 000 porteurs de carte fictifs des magasins « Maillage Market », avec la clé de leur magasin (colonne magasin), tirés d’un modèle de Huff de paramètres connus (γ = 0,9 ; λ = 1,9, décroissance puissance, temps de trajet réels ≤ 90 min) : le calage doit les retrouver. Aucun client réel.',
          sourceNote: 'Généré par scripts/gen-demo-stores.ts (graine fixe) sur le réseau routier OSM 2021',
          synthetic: true,
        },
        user: 'démo',
      },
      (n) => (n % 10_000 === 0 ? progress(`${n.toLocaleString('fr-FR')} clients`) : undefined),
    );
    // Hidden at first (the Zones de chalandise panel reads them all the same): 30,000 synthetic points would
    // otherwise crowd the first map a user sees and the demo CRM's accounts.
    for (const id of [stores.layerId, customers.layerId]) await updateLayer(database.db, id, { hidden: true });
    return { stores: stores.report.imported, customers: customers.report.imported, rejected: stores.report.rejected + customers.report.rejected };
  },
};
