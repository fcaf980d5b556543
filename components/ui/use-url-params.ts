'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * List pages keep their filters in the URL so a view can be shared and the back button works.
 * `setParams` changes some keys (null or '' removes one) and replaces the history entry.
 */
export function useUrlParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const setParams = (next: Record<string, string | null>) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '') params.delete(k);
      else params.set(k, v);
    }
    const qs = params.toString();
    router.replace(`${pathname}${qs ? `?${qs}` : ''}`, { scroll: false });
  };
  return { searchParams, setParams };
}

/**
 * A search box bound to the URL key `key`: it answers typing at once, writes the URL a moment
 * later, and follows the URL when it changes under it (back button) unless that is what was typed.
 */
export function useUrlSearchText(key = 'q') {
  const { searchParams, setParams } = useUrlParams();
  const inUrl = searchParams.get(key) ?? '';
  const [text, setText] = useState(inUrl);
  const [shown, setShown] = useState(inUrl);
  if (inUrl !== shown) {
    setShown(inUrl);
    if (inUrl !== text.trim()) setText(inUrl);
  }
  useEffect(() => {
    if (text.trim() === inUrl) return;
    const timer = setTimeout(() => setParams({ [key]: text.trim() }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return { text, setText, inUrl };
}
