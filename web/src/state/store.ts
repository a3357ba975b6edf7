import { useSyncExternalStore } from 'react';

/**
 * A tiny shared store (no dependency): one immutable state object, shallow-merged updates,
 * components subscribe with `use(selector)` (selectors must return existing references).
 */
export function createStore<T extends object>(initial: T) {
  let state = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    get: () => state,
    set(patch: Partial<T> | ((s: T) => Partial<T>)) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      for (const l of listeners) l();
    },
    subscribe,
    use<S>(selector: (s: T) => S): S {
      return useSyncExternalStore(subscribe, () => selector(state));
    },
  };
}

export type Store<T extends object> = ReturnType<typeof createStore<T>>;

/** A view over one key of a store: `get/set/use/subscribe` scoped to `state[key]`; the data lives in the store. */
export interface SliceView<S extends object> {
  key: string;
  initial: S;
  get(): S;
  set(patch: Partial<S> | ((s: S) => Partial<S>)): void;
  subscribe(listener: () => void): () => void;
  use<R>(selector: (s: S) => R): R;
}

/**
 * Puts a slice's initial state under `key` in the store (once: a module evaluated twice by a test keeps the data)
 * and returns its scoped view. `set` shallow-merges into the slice and notifies the store's listeners, so the
 * map (which builds its deck.gl layers from the whole state) redraws with it.
 */
export function sliceOf<T extends object, K extends keyof T & string>(store: Store<T>, key: K, initial: T[K] & object): SliceView<T[K] & object> {
  type S = T[K] & object;
  if (store.get()[key] === undefined) store.set({ [key]: initial } as unknown as Partial<T>);
  const get = () => store.get()[key] as S;
  return {
    key,
    initial,
    get,
    set(patch) {
      store.set((s) => {
        const current = s[key] as S;
        return { [key]: { ...current, ...(typeof patch === 'function' ? patch(current) : patch) } } as unknown as Partial<T>;
      });
    },
    subscribe: store.subscribe,
    use: (selector) => store.use((s) => selector(s[key] as S)),
  };
}
