/**
 * A least-recently-used map bounded by bytes rather than entries: each value comes with its size,
 * and the oldest entries are dropped until the sum fits. A value larger than the whole bound is
 * not kept at all. Pure, so it unit-tests without a server.
 */
export class ByteLru<V> {
  readonly maxBytes: number;
  #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** The value of `key`, now the most recently used; undefined when it is not (or no longer) kept. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // A Map iterates in insertion order: re-inserting makes it the newest.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Whether `key` is kept, without making it more recent. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** Keeps `value` under `key`; false when it alone is larger than the bound (and so not kept). */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** The sum of the sizes of the values kept. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }
}
