'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';

/**
 * The one way the browser keeps view state in the URL (filters, sort, tab, scrubber position),
 * so a view can be shared as a link and the back button works.
 *
 * Use:
 * ```ts
 * const url = useUrlState();
 * url.get('tab');                                  // string | null
 * url.set({ sort: 'size', dir: null });            // null, undefined or '' removes a key
 * url.set({ at: '4:1680' }, { push: true });       // a new history entry (a step the user may go back from)
 * url.set({ stream, id }, { push: true, reset: true }); // a new view: drop every other key
 * ```
 * `set` replaces the history entry by default: typing a filter should not fill the back button.
 */
export type UrlChanges = Record<string, string | null | undefined>;

export function useUrlState() {
  const pathname = usePathname();
  const params = useSearchParams();

  const set = useCallback(
    (changes: UrlChanges, options: { push?: boolean; reset?: boolean } = {}) => {
      // The URL as it is now, not as of the last render: two changes in one tick both survive.
      const next = new URLSearchParams(options.reset ? '' : window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      // The history API, not the router: Next.js keeps useSearchParams in step with it, and the
      // view changes without a round trip to the server (no page reads its search params there).
      if (options.push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  const get = useCallback((key: string) => params.get(key), [params]);
  return { params, get, set };
}

/**
 * A search box bound to the URL key `key`: it answers typing at once, writes the URL a moment
 * later, and follows the URL when it changes under it (back button) unless that is what was typed.
 */
export function useUrlSearchText(key = 'q') {
  const { get, set } = useUrlState();
  const inUrl = get(key) ?? '';
  const [text, setText] = useState(inUrl);
  const [shown, setShown] = useState(inUrl);
  if (inUrl !== shown) {
    setShown(inUrl);
    if (inUrl !== text.trim()) setText(inUrl);
  }
  useEffect(() => {
    if (text.trim() === inUrl) return;
    const timer = setTimeout(() => set({ [key]: text.trim() }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return { text, setText, inUrl };
}

/**
 * A toggle kept in the URL as `key=true`, answering the click at once while the URL follows.
 */
export function useUrlFlag(key: string): [boolean, (on: boolean) => void] {
  const { get, set } = useUrlState();
  const inUrl = get(key) === 'true';
  const [value, setValue] = useState(inUrl);
  const [shown, setShown] = useState(inUrl);
  if (inUrl !== shown) {
    setShown(inUrl);
    setValue(inUrl);
  }
  const change = (on: boolean) => {
    setValue(on);
    set({ [key]: on ? 'true' : null });
  };
  return [value, change];
}
