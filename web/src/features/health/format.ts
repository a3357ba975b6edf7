/** French number formats of the health panels. */
export const fmt = (n: number) => n.toLocaleString('fr-FR');
export const range = (r: { min: number; max: number } | null) => (!r ? '—' : r.min === r.max ? fmt(r.min) : `${fmt(r.min)} à ${fmt(r.max)} (masqué)`);
export const pct = (r: number | null | undefined, digits = 1) => (r === null || r === undefined ? '—' : `${(100 * r).toFixed(digits).replace('.', ',')} %`);
export const minutes = (sec: number) => (sec < 60 ? '< 1 min' : `${Math.round(sec / 60)} min`);
export const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(m < 10_000 ? 1 : 0).replace('.', ',')} km`);
export const statusLabel = (s: string | null | undefined) => (s === 'public' ? 'public' : s === 'private' ? 'privé' : 'statut non renseigné');
