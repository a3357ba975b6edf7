/** Every word of the commune sheet's INSEE description a user reads (panels/CommuneSheet.tsx, panels/CommuneProfile.tsx). */
export const COMMUNE = {
  profileTitle: 'Description INSEE',
  /** A commune without a value for the mapped indicator (never 0). */
  noValue: 'secret statistique / pas de donnée',
  profileLoading: 'Chargement de la description…',
  /** Groups of figures, by the registry's source (id prefix). */
  groups: {
    territory: 'Population et territoire',
    insee: 'Recensement (INSEE)',
    filosofi: 'Revenus (INSEE Filosofi)',
    age: 'Âges',
    eurostat: 'Économie (Eurostat)',
    health: 'Santé',
    layers: 'Clients des couches importées',
  } as Record<string, string>,
  reference: (name: string) => `Référence : ${name} — indices base 100 ; effectifs en part de la référence`,
  ageTitle: 'Structure par âge',
  ageLegendCommune: 'Commune',
  ageLegendRef: (name: string) => `Référence : ${name}`,
  /** The sheet's header and identity rows (panels/CommuneSheet.tsx). */
  sheetAria: (name: string) => `Fiche commune ${name}`,
  eyebrow: (code: string) => `Commune · ${code}`,
  close: 'Fermer la fiche',
  rows: { code: 'Code INSEE', departement: 'Département', region: 'Région', epci: 'EPCI', postcodes: 'Codes postaux' },
  keyFigures: { population: 'Population', area: 'Superficie (km²)', density: 'Densité (hab./km²)' },
  replaced: (oldCode: string, oldName: string | undefined, name: string, code: string) =>
    `Le code ${oldCode}${oldName ? ` (${oldName})` : ''} n'existe plus au COG 2026 : la commune a été remplacée par ${name} (${code}).`,
  formerCommunes: (list: string) => `Anciennes communes : ${list}`,
  sources: 'Sources : INSEE COG 2026, populations légales ; contours IGN Admin Express 2018.',
};
