import { formatNumber, plural } from '../../lib/messages/common';

/** French figures: whole numbers « 12 345 », ratios « 6,7 % », durations « 12 min » (rounded up: never 0 when reached). */
export const int = (n: number | null | undefined) => formatNumber(n);
export const dec = (n: number | null | undefined, digits = 2) => formatNumber(n, digits);
export const pct = (r: number | null | undefined) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : `${formatNumber(r * 100, 1)} %`);
export const minutes = (sec: number | null | undefined) => (sec === null || sec === undefined || !Number.isFinite(sec) ? '—' : `${formatNumber(Math.ceil(sec / 60))} min`);

/** The « Secteurs » panel's words. */
export const SECTORS = {
  eyebrow: 'Commercial',
  title: 'Secteurs',
  intro: 'Plans de secteurs commerciaux : charge, population et temps de trajet depuis la base de chaque secteur, équilibre du plan, optimisation sur les temps de trajet réels.',
  plan: 'Plan',
  noPlan: 'Aucun plan : importez un fichier CSV (commune ; secteur).',
  choosePlan: 'Choisir un plan',
  planOption: (name: string, versions: number) => `${name} (${plural(versions, 'version')})`,
  importButton: 'Importer un plan (CSV)',
  importHint: 'Colonnes « commune » et « secteur » (et « commercial »), séparateur ; ou ,',
  importing: 'Import en cours…',
  importName: (file: string) => file.replace(/\.[^.]+$/, ''),
  imported: (name: string) => `Plan « ${name} » importé.`,
  rowReport: 'Lignes refusées (rien n’a été enregistré)',
  rowHeads: { row: 'Ligne', field: 'Champ', value: 'Valeur', reason: 'Raison' },
  loading: 'Chargement du plan…',
  version: 'Version',
  versionOption: (v: number, note: string | null, computed: boolean) => `v${v}${computed ? ' · calculée' : ''}${note ? ` — ${note}` : ''}`,
  computed: 'calculé',
  computedTitle: 'Affectation calculée par l’optimiseur (pas une saisie)',
  kpiCaption: (workload: string) => `Indicateurs par secteur (charge : ${workload})`,
  heads: { name: 'Secteur', communes: 'Communes', workload: 'Charge', population: 'Population', meanTime: 'Temps moyen', maxTime: 'Temps max', times: 'Temps moy. / max', contiguity: 'Contiguïté' },
  headTitles: { times: 'Temps de trajet en voiture depuis la base du secteur : moyenne pondérée / maximum' },
  pieces: (n: number) => (n <= 1 ? '1 morceau' : `${formatNumber(n)} morceaux`),
  balance: 'Équilibre du plan',
  maxDeviation: 'Écart max à la moyenne',
  maxMin: 'Ratio max / min',
  mean: 'Charge moyenne',
  noBase: 'sans base',
  workloadNote: (note: string) => note,
  optimise: {
    title: 'Optimiser',
    tolerance: 'Tolérance ± %',
    contiguity: 'Secteurs d’un seul tenant (contiguïté)',
    disruption: 'Perturbation minimale (déplacer le moins de communes)',
    chooseBases: 'Placer les bases (p-médiane)',
    chooseBasesNeeded: 'Des secteurs n’ont pas de base : elles seront placées par l’optimiseur.',
    run: 'Optimiser',
    cancel: 'Annuler',
    badTolerance: 'La tolérance doit être comprise entre 0 et 100 %.',
    running: (phase: string, ratio: number) => `${phase} — ${formatNumber(ratio * 100)} %`,
    done: (v: number) => `Version ${v} calculée`,
    moved: (n: number) => (n === 0 ? 'Aucune commune déplacée' : `${plural(n, 'commune déplacée', 'communes déplacées')}`),
    gap: (g: number | null) => (g === null ? 'Écart à l’optimum : non fourni' : `Écart à l’optimum : ${pct(g)}`),
    balanceAfter: (before: number | null, after: number | null) => `Écart max à la moyenne : ${pct(before)} → ${pct(after)}`,
    cancelled: 'Optimisation annulée : rien n’a été enregistré.',
    useTightest: (r: number) => `Utiliser ± ${formatNumber(Math.ceil(r * 1000) / 10, 1)} %`,
  },
  compare: {
    title: 'Comparer',
    with: 'avec la version',
    button: 'Comparer',
    moved: (n: number) => (n === 0 ? 'Aucune commune ne change de secteur' : `${plural(n, 'commune change', 'communes changent')} de secteur`),
    caption: (a: number, b: number) => `Indicateurs v${a} → v${b}`,
    heads: { name: 'Secteur', communes: 'Communes', workload: 'Charge', meanTime: 'Temps moyen' },
  },
  exportCsv: 'Exporter CSV',
  exportTitle: 'Fichier CSV commune → secteur de la version affichée (avec sa provenance)',
  mapLabel: (plan: string, v: number) => `Secteurs — ${plan} (v${v})`,
  mapUnit: 'secteur',
  /** The legend's no-data line (Legend.tsx: `label(count)`, `title`). */
  mapNoData: { label: (n: string) => `Hors plan (${n} communes)`, title: 'Communes affectées à aucun secteur du plan' },
  other: (n: number) => `+ ${plural(n, 'autre secteur')} (couleurs réutilisées)`,
};
