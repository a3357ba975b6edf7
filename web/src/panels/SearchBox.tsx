import { useEffect, useRef, useState } from 'react';
import { api, call, type SearchResult } from '../api/client';
import { shell } from '../lib/messages';

/** The second line of a result: its kind and what tells it apart (code, département, category, layer). */
function metaOf(r: SearchResult): string {
  const kind = shell.searchKinds[r.kind] ?? r.kind;
  if (r.kind === 'commune') return `${kind} · ${r.code} · ${r.detail}`;
  if (r.kind === 'site' || r.kind === 'account') return r.detail ? `${kind} · ${r.detail}` : kind;
  return `${kind} · ${r.code}`;
}

/**
 * Search of places and named things: communes (name with or without accents, INSEE code, postcode),
 * départements, régions, hospital sites (FINESS name) and accounts of the shown layers; says so when
 * nothing matches.
 */
export function SearchBox({ onPick, onError }: { onPick(r: SearchResult): void; onError(e: unknown): void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  /** The text the shown results answer (null: nothing searched yet), to say "Aucun résultat pour …". */
  const [answered, setAnswered] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  const picked = useRef<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // "/" focuses the search from anywhere (as on GitHub or MDN), unless the user is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '/' || target?.closest('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const text = q.trim();
    if (!text || text === picked.current) return (setResults([]), setAnswered(null));
    const id = ++seq.current;
    const timer = setTimeout(() => {
      call(api.communes.search.$get({ query: { q: text, limit: '8' } }))
        .then((r) => id === seq.current && (setResults(r.results), setAnswered(text), setActive(0), setOpen(true)))
        .catch(onError);
    }, 180);
    return () => clearTimeout(timer);
  }, [q, onError]);

  const pick = (r: SearchResult) => {
    setOpen(false);
    picked.current = r.name;
    setQ(r.name);
    onPick(r);
  };

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `search-option-${active}` : undefined}
        title={shell.searchTitle}
        placeholder={shell.searchPlaceholder}
        aria-label={shell.searchLabel}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => answered !== null && setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (setOpen(true), setActive((a) => (open ? Math.min(a + 1, results.length - 1) : a)));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && results[active]) pick(results[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && results.length > 0 && (
        <ul className="search-results" id="search-results" role="listbox" aria-label="Résultats">
          {results.map((r, i) => (
            <li key={`${r.kind}-${r.code}`} id={`search-option-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => pick(r)}>
              <span className="name">{r.name}</span>
              <span className="meta">{metaOf(r)}</span>
            </li>
          ))}
        </ul>
      )}
      {open && answered !== null && results.length === 0 && (
        <div className="search-results search-empty" role="status" data-testid="search-empty">
          <span className="name">{shell.searchNoResult(answered)}</span>
          <span className="meta">{shell.searchNoResultHint}</span>
        </div>
      )}
    </div>
  );
}
