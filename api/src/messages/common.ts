/**
 * Messages every area of the API uses, in French (the `code` of an error stays English), and the small
 * helpers the area catalogues share: French numbers, plurals, « quoted » values.
 */

const NUMBER_FR = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });

/** A number as a French reader writes it: espace fine for thousands, decimal comma. */
export const frNumber = (n: number): string => NUMBER_FR.format(n);

/** "1 commune" / "2 communes" (the count in French format). */
export const plural = (n: number, singular: string, pluralForm = `${singular}s`): string => `${frNumber(n)} ${n === 1 || n === -1 || n === 0 ? singular : pluralForm}`;

/** A value the user gave, between French quotes (long values cut). */
export function quoted(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return `« ${s.length > 80 ? `${s.slice(0, 77)}…` : s} »`;
}

/** A list in French: "a, b et c". */
export function frList(items: readonly string[], last = 'et'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

export const common = {
  noRoute: (method: string, path: string) => `Aucune route d’API ${method} ${path} : voir la section « API » du README.`,
  internal: () => 'Erreur inattendue du serveur : le journal du serveur en donne le détail. Réessayez, puis signalez-la si elle revient.',
  malformedJson: () => 'Le corps de la requête n’est pas du JSON valide : vérifiez les guillemets, virgules et accolades.',
  payloadTooLarge: (limit: string) => `Requête trop volumineuse (limite ${limit}) : découpez-la en plusieurs envois.`,
};
