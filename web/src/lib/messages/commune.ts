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
  reference: (name: string) => `Indices base 100 : ${name}`,
  ageTitle: 'Structure par âge',
  ageLegendCommune: 'Commune',
  ageLegendRef: (name: string) => `Référence : ${name}`,
};
