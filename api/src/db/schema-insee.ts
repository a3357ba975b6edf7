/**
 * INSEE / Eurostat tables (migration 2026_11_30_1000_insee). NULL = no value (secret or missing), never 0.
 * Column names holding digits (population_2021, d1_eur_2021…) do not round-trip through Kysely's
 * CamelCasePlugin: read and write these tables with raw SQL, through api/src/repositories/insee.ts.
 */
export interface InseeTables {
  communeInsee: {
    communeCode: string;
    population2021: number | null;
    population2015: number | null;
    households2021: number | null;
    births2022: number | null;
    deaths2022: number | null;
    pop15642021: number | null;
    active15642021: number | null;
    unemployed15642021: number | null;
    fiscalHouseholds2021: number | null;
    fiscalPersons2021: number | null;
    medianIncomeEur2021: number | null;
    povertyRatePct2021: number | null;
    d1Eur2021: number | null;
    d9Eur2021: number | null;
    medianApproximate: boolean;
    comparateurStatus: 'ok' | 'missing';
    filosofiStatus: 'ok' | 'secret' | 'missing';
    sourceCodes: string | null;
  };
  communeAgeBands: {
    communeCode: string;
    band: string;
    populationCount: number;
    estimated: boolean;
    sourceLevel: 'bassin_de_vie' | 'arrondissement' | 'departement';
  };
  departementEconomy: {
    departementCode: string;
    nutsCode: string;
    nutsVersion: string;
    year: number;
    gdpMeur: number | null;
    populationCount: number | null;
    gdpPerInhabitantEur: number | null;
  };
}
