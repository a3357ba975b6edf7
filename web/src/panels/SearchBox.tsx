import { useEffect, useRef, useState } from 'react';
import { api, call, type SearchResult } from '../api/client';

const KIND_LABEL = { commune: 'Commune', departement: 'Département', region: 'Région' } as const;

/** Commune / département / région search (name with or without accents, INSEE code, postcode). */
export function SearchBox({ onPick, onError }: { onPick(r: SearchResult): void; onError(e: unknown): void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
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
    if (!text || text === picked.current) return setResults([]);
    const id = ++seq.current;
    const timer = setTimeout(() => {
      call(api.communes.search.$get({ query: { q: text, limit: '8' } }))
        .then((r) => id === seq.current && (setResults(r.results), setActive(0), setOpen(true)))
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
        title="Rechercher (raccourci : /)"
        placeholder="Commune, code INSEE, code postal, département…"
        aria-label="Rechercher un territoire"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => results.length && setOpen(true)}
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
              <span className="meta">
                {KIND_LABEL[r.kind]} · {r.kind === 'commune' ? `${r.code} · ${r.detail}` : r.code}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
