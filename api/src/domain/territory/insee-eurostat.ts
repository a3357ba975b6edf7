/**
 * Eurostat NUTS-3 GDP and population → départements. Pure.
 * French NUTS-3 regions are the départements; the extracts we hold use NUTS 2016 codes
 * (nama_10r_3gdp and demo_r_pjanaggr3, updated April/June 2022). NUTS 2021 kept the French codes unchanged.
 */
export const NUTS_VERSION = 'NUTS 2016';

/** NUTS 2016 level-3 code → COG département code (101 entries: 96 metropolitan + 5 DOM). */
export const NUTS3_TO_DEPARTEMENT: Readonly<Record<string, string>> = {
  // FR1 Île-de-France
  FR101: '75', FR102: '77', FR103: '78', FR104: '91', FR105: '92', FR106: '93', FR107: '94', FR108: '95',
  // FRB Centre-Val de Loire
  FRB01: '18', FRB02: '28', FRB03: '36', FRB04: '37', FRB05: '41', FRB06: '45',
  // FRC Bourgogne-Franche-Comté
  FRC11: '21', FRC12: '58', FRC13: '71', FRC14: '89', FRC21: '25', FRC22: '39', FRC23: '70', FRC24: '90',
  // FRD Normandie
  FRD11: '14', FRD12: '50', FRD13: '61', FRD21: '27', FRD22: '76',
  // FRE Hauts-de-France
  FRE11: '59', FRE12: '62', FRE21: '02', FRE22: '60', FRE23: '80',
  // FRF Grand Est
  FRF11: '67', FRF12: '68', FRF21: '08', FRF22: '10', FRF23: '51', FRF24: '52', FRF31: '54', FRF32: '55', FRF33: '57', FRF34: '88',
  // FRG Pays de la Loire
  FRG01: '44', FRG02: '49', FRG03: '53', FRG04: '72', FRG05: '85',
  // FRH Bretagne
  FRH01: '22', FRH02: '29', FRH03: '35', FRH04: '56',
  // FRI Nouvelle-Aquitaine
  FRI11: '24', FRI12: '33', FRI13: '40', FRI14: '47', FRI15: '64', FRI21: '19', FRI22: '23', FRI23: '87',
  FRI31: '16', FRI32: '17', FRI33: '79', FRI34: '86',
  // FRJ Occitanie
  FRJ11: '11', FRJ12: '30', FRJ13: '34', FRJ14: '48', FRJ15: '66', FRJ21: '09', FRJ22: '12', FRJ23: '31',
  FRJ24: '32', FRJ25: '46', FRJ26: '65', FRJ27: '81', FRJ28: '82',
  // FRK Auvergne-Rhône-Alpes (FRK26 Rhône covers the Métropole de Lyon: COG département 69)
  FRK11: '03', FRK12: '15', FRK13: '43', FRK14: '63', FRK21: '01', FRK22: '07', FRK23: '26', FRK24: '38',
  FRK25: '42', FRK26: '69', FRK27: '73', FRK28: '74',
  // FRL Provence-Alpes-Côte d'Azur
  FRL01: '04', FRL02: '05', FRL03: '06', FRL04: '13', FRL05: '83', FRL06: '84',
  // FRM Corse
  FRM01: '2A', FRM02: '2B',
  // FRY DOM
  FRY10: '971', FRY20: '972', FRY30: '973', FRY40: '974', FRY50: '976',
};

export interface EurostatObservation { geo: string; year: number; value: number | null; flag: string }

/** Parses SDMX-CSV rows (geo, TIME_PERIOD, OBS_VALUE, OBS_FLAG); an empty OBS_VALUE is NULL. */
export function parseEurostat(rows: Record<string, string>[]): EurostatObservation[] {
  return rows.map((r) => {
    const v = (r.OBS_VALUE ?? '').trim();
    return { geo: r.geo, year: Number(r.TIME_PERIOD), value: v === '' ? null : Number(v), flag: (r.OBS_FLAG ?? '').trim() };
  });
}

export interface DepartementEconomy {
  departementCode: string; nutsCode: string; nutsVersion: string; year: number;
  gdpMeur: number | null; populationCount: number | null; gdpPerInhabitantEur: number | null;
}

/** One row per (département, year) in [fromYear, toYear] where GDP or population is known; GDP per inhabitant in €. */
export function departementEconomyRows(gdp: EurostatObservation[], population: EurostatObservation[], fromYear = 2015, toYear = 2020): DepartementEconomy[] {
  const key = (geo: string, year: number) => `${geo}|${year}`;
  const pop = new Map(population.filter((o) => o.value !== null).map((o) => [key(o.geo, o.year), o.value as number]));
  const gdpBy = new Map(gdp.filter((o) => o.value !== null).map((o) => [key(o.geo, o.year), o.value as number]));
  const rows: DepartementEconomy[] = [];
  for (const [nuts, dep] of Object.entries(NUTS3_TO_DEPARTEMENT)) {
    for (let year = fromYear; year <= toYear; year++) {
      const g = gdpBy.get(key(nuts, year)) ?? null;
      const p = pop.get(key(nuts, year)) ?? null;
      if (g === null && p === null) continue;
      rows.push({
        departementCode: dep, nutsCode: nuts, nutsVersion: NUTS_VERSION, year, gdpMeur: g, populationCount: p,
        gdpPerInhabitantEur: g !== null && p !== null && p > 0 ? (g * 1e6) / p : null,
      });
    }
  }
  return rows.sort((a, b) => a.departementCode.localeCompare(b.departementCode) || a.year - b.year);
}

/** Latest year with a GDP value, per département. */
export function latestGdpYear(rows: DepartementEconomy[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (r.gdpMeur !== null && r.year > (out.get(r.departementCode) ?? 0)) out.set(r.departementCode, r.year);
  return out;
}
