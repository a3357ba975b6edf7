/** Every word of the health panels a user reads (web/src/features/health/). */
export const HEALTH = {
  zone: {
    drawStatus: 'Cliquez les sommets de la zone sur la carte ; double-clic ou Entrée pour terminer (Échap pour annuler)',
    points: (n: number) => `${n} point${n > 1 ? 's' : ''} — cliquez la carte`,
    finish: 'terminer',
    cancel: 'annuler',
  },
  flows: {
    modelled: 'Flux modélisés, non observés',
    /** The API's label without its "flux modélisés, non observés :" head, which the notice already says in bold. */
    modelledDetail: (label: string) => label.replace(/^flux modélisés, non observés\s*:?\s*/i, ''),
    importHint: 'importez un fichier « origine des patients » pour des flux réels.',
    observed: (label: string) => `Flux observés : ${label}.`,
  },
  chart: {
    none: 'Pas d’activité MCO publiée.',
    aria: (name: string) => `Séjours MCO 2015–2024 de ${name}`,
    caption: 'Séjours et séances MCO (ScanSanté, PMSI).',
    trendNone: 'Tendance non calculable.',
    maskedLeftOut: (years: number[]) => ` (années masquées exclues : ${years.join(', ')})`,
    /** Drawn on the chart after the last year with data, and said in the caption. */
    noDataAfter: 'pas de données',
  },
  sheet: {
    entityKind: (kind: string | null) => (kind === 'EJ' ? 'entité juridique' : 'établissement'),
    /** Whose stays the figures are, said before them (a site never shows its entity's stays as its own). */
    entityNotice: (siteCount: number) =>
      `Chiffres de l’entité juridique entière (${siteCount} sites) : ScanSanté publie l’activité par entité, pas par site.`,
    staysOf: (year: number, entity: boolean) => `Séjours ${year}${entity ? ' (entité)' : ''}`,
  },
  competitors: {
    filterLabel: 'Sites comptés',
    filterOptions: [
      ['mco', 'MCO seulement (médecine, chirurgie, obstétrique)'],
      ['all', 'tous les sites (y compris psychiatrie, SSR, longue durée)'],
    ] as const,
    staysNote: (source: string) =>
      `Temps en voiture depuis ce site, calculés sur le réseau routier (${source}), accès aux routes compris. Séjours MCO : ceux de l’entité juridique de chaque site, partagés entre ses sites (« entité, N sites »).`,
    entityStays: (n: number) => `entité, ${n} sites`,
  },
} as const;
