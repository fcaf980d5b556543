/**
 * A map that lives once per server process, for clients and caches that hold sockets or memory
 * (admin clients, readers, producers, registry clients, decoders, index stores). It is kept on
 * `globalThis` under a registered symbol because Next's development server evaluates modules
 * again on every change: a module-level map would be replaced, and what it held would leak.
 */
export function processMap<K, V>(name: string): Map<K, V> {
  const holder = globalThis as unknown as Record<symbol, Map<K, V> | undefined>;
  const key = Symbol.for(`event-store-console:${name}`);
  return (holder[key] ??= new Map<K, V>());
}
