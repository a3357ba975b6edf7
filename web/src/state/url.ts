/** Deep link to a commune sheet: `#commune=48095` (shareable; an old merged code opens its successor). */
export function communeFromHash(): string | null {
  const m = /(?:^#|&)commune=([0-9AB]{5})\b/i.exec(location.hash);
  return m ? m[1].toUpperCase() : null;
}

export function setCommuneHash(code: string | null) {
  const url = code ? `#commune=${code}` : location.pathname + location.search;
  history.replaceState(null, '', url);
}
