/** Every word of the health panels a user reads (web/src/features/health/). */
export const HEALTH = {
  zone: {
    drawStatus: 'Cliquez les sommets de la zone sur la carte ; double-clic ou Entrée pour terminer (Échap pour annuler)',
    points: (n: number) => `${n} point${n > 1 ? 's' : ''} — cliquez la carte`,
    finish: 'terminer',
    cancel: 'annuler',
  },
  /** The zone indicators tool (features/health/ZoneIndicators.tsx). */
  zoneTool: {
    kinds: {
      departement: ['Département', 'ex. 01, 2A'],
      communes: ['Communes (codes INSEE)', 'ex. 01053, 01451'],
      zones: ['Codes géo PMSI', 'ex. 01000, 01090'],
      polygon: ['Polygone dessiné', ''],
    } as Record<string, [string, string]>,
    flowsLabel: 'Flux patients',
    flowsAria: 'Jeu de flux patients',
    datasetOption: (id: string, synthetic: boolean) => (synthetic ? `${id} — modélisé, non observé` : `${id} — observé (import)`),
    kindAria: 'Type de zone',
    codesAria: 'Codes de la zone',
    openCommune: (code: string) => `commune ouverte : ${code}`,
    compute: 'calculer',
    draw: 'dessiner sur la carte',
    computing: 'Calcul…',
    counts: (codes: string, inside: string) => `${codes} codes géo PMSI · ${inside} établissements situés dans la zone`,
    residentStays: 'Séjours des résidents',
    autarky: 'Autarcie',
    leakage: 'Fuite',
    tableHead: ['Établissement (séjours des résidents)', 'Séjours', 'Part'],
    insideNote: (attraction: string) => `● situé dans la zone. Attraction (séjours venus d'ailleurs chez ces établissements) : ${attraction}.`,
    exportCsv: (n: string) => `Exporter en CSV (${n} établissements)`,
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
