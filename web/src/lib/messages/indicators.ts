/** Every word of the indicator chooser and the choropleth legend a user reads (components/TopBar.tsx via lib/indicator-groups.ts, panels/Legend.tsx). */
export const INDICATOR_MESSAGES = {
  groups: {
    territory: 'Territoire (INSEE, COG 2026)',
    insee: 'INSEE — recensement',
    filosofi: 'INSEE — revenus (Filosofi)',
    age: 'Structure par âge (estimée)',
    eurostat: 'Eurostat — économie',
    health: 'Santé',
    layers: 'Couches importées',
    other: 'Autres',
  } as Record<string, string>,
  quality: {
    estimated: 'estimé',
    approximate: 'approché',
    modelled: 'modélisé',
    synthetic: 'synthétique',
    computed: 'calculé',
  },
  qualityTitle: {
    estimated: 'Valeur estimée à partir d’un niveau géographique plus large (voir la source)',
    approximate: 'Valeur approchée : la grandeur ne s’additionne pas, l’approximation est indiquée dans la source',
    modelled: 'Valeur modélisée, non observée',
    synthetic: 'Données synthétiques de démonstration',
    computed: 'Valeur calculée par Maillage (paramètres dans la source)',
  } as Record<string, string>,
  /** The no-value class of the legend: never drawn as 0. */
  methods: { quantile: 'Quantiles', jenks: 'Jenks' } as Record<string, string>,
  hexagonTitle: 'Points par hexagone',
  noData: (n: string) => `secret statistique / pas de donnée (${n} communes)`,
  noDataTitle: 'Communes sans valeur : la source ne publie pas la donnée (secret statistique des petites communes) ou ne la couvre pas. Elles ne sont pas comptées comme 0.',
  source: (source: string, year: string | number | null) => `Source : ${source}${year && !source.includes(String(year)) ? `, ${year}` : ''}`,
};
