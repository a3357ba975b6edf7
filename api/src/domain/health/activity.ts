/**
 * What a hospital site does, from its FINESS category and name (the GISCO extract has no activity field):
 * competitors of an MCO hospital are MCO sites, not the outpatient psychiatric centres (CMP, CATTP, day
 * hospitals), consultation or screening centres, rehabilitation (SSR) or long-term care sites of the same file.
 */
export type SiteActivity = 'mco' | 'psychiatrie' | 'ssr' | 'longue-duree' | 'ambulatoire';

/** Categories whose sites are, by default, medicine–surgery–obstetrics hospitals. */
const MCO_CATEGORIES = new Set([
  'Centre Hospitalier (C.H.)',
  'Centre Hospitalier Régional (C.H.R.)',
  'Centre hospitalier, ex Hôpital local',
  'Etablissement de Soins Pluridisciplinaire',
  'Etablissement de Soins Chirurgicaux',
  'Etablissement de Soins Médicaux',
  'Centre de Lutte Contre Cancer',
  'Etablissement Soins Obstétriques Chirurgico-Gynécologiques',
]);

/** Names of outpatient or non-MCO units filed under an MCO category (sites of a CH: CMP, day hospital, USLD…). */
const PSYCHIATRY_NAME = /PSYCH|\bPSY\b|\bC\.?M\.?P\b|\bCATTP\b|\bC\.?A\.?T\.?T\.?P\b|INFANTO|SANTE MENTALE|TH[EÉ]RAPEUTIQUE/;
const OUTPATIENT_NAME = /H[OÔ]P(ITAL)?\.? (DE )?JOUR|\bHDJ\b|\bH\.?J\b|CONSULTATION|PLANIFICATION|\bCDAG\b|D[EÉ]PIST|\bCEGIDD\b|ANTENNE|\bSMUR\b|DIALYSE|\bPMI\b|SANITAIRE|P[EÉ]NIT|DOMICILE|\bHAD\b|LABORATOIRE/;
const LONG_TERM_NAME = /LONGUE DUR[EÉ]E|\bUSLD\b|\bEHPAD\b/;
const SSR_NAME = /\bSSR\b|R[EÉ][EÉ]DUCATION|READAPTATION|RÉADAPTATION|SOINS DE SUITE/;

export function siteActivity(category: string, name: string): SiteActivity {
  const n = name.toUpperCase();
  if (category === 'Centre Hospitalier Spécialisé lutte Maladies Mentales' || PSYCHIATRY_NAME.test(n)) return 'psychiatrie';
  if (category === 'Etablissement de Soins Longue Durée' || LONG_TERM_NAME.test(n)) return 'longue-duree';
  if (category === 'Etablissement de santé privé autorisé en SSR' || SSR_NAME.test(n)) return 'ssr';
  if (OUTPATIENT_NAME.test(n)) return 'ambulatoire';
  return MCO_CATEGORIES.has(category) ? 'mco' : 'ambulatoire';
}

export const SITE_ACTIVITY_LABELS: Record<SiteActivity, string> = {
  mco: 'MCO (médecine, chirurgie, obstétrique)',
  psychiatrie: 'psychiatrie (dont CMP, CATTP, hôpitaux de jour)',
  ssr: 'soins de suite et de réadaptation',
  'longue-duree': 'soins de longue durée',
  ambulatoire: 'consultations et centres ambulatoires',
};

/** Which sites a competitor search keeps: 'mco' (default) or every site of the FINESS file. */
export type CompetitorActivityFilter = 'mco' | 'all';

export function keepsActivity(filter: CompetitorActivityFilter, activity: SiteActivity): boolean {
  return filter === 'all' || activity === 'mco';
}
