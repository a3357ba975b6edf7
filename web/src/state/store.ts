import { useSyncExternalStore } from 'react';

/**
 * A tiny shared store (no dependency): one immutable state object, shallow-merged updates,
 * components subscribe to a slice with `use(selector)` (selectors must return existing references).
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
