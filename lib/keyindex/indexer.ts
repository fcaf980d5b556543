import type { ClusterConfig } from '@/lib/config/schema';
import type { RawRecord } from '@/lib/kafka/records';
import { readRecordRange, readWatermarks } from '@/lib/kafka/reader';
import { keyIndexSettings, keyIndexStore, type IndexedRow, type KeyIndexStore } from './store';
import { processMap } from '@/lib/process-map';

/**
 * The background indexer of one cluster: walks each indexed topic's partitions from where the
 * index stopped to the end with the one reader (Fetch only, no consumer group, its progress is
 * its own), one Fetch response at a time, so memory is one response whatever the topic's size.
 * Each response's rows and the offset it reached are committed together. When every partition
 * has caught up it waits `pollMs` and looks again, so events appended later are indexed too.
 */

/** What identifies an event's aggregate without decoding the value: the key, or a header. */
export interface IndexTarget {
  topic: string;
  stream: string | null;
  keyFrom: 'key' | { header: string };
  typeHeader: string | null;
}

export function indexTargets(cluster: ClusterConfig): IndexTarget[] {
  const out = new Map<string, IndexTarget>();
  for (const s of cluster.streams ?? []) {
    // An id inside the value would need every event decoded: those streams stay with scans.
    // Streams over one topic share its index: the first one names it.
    if (
      out.has(s.topic) ||
      s.index === false ||
      (typeof s.aggregateIdFrom === 'object' && 'field' in s.aggregateIdFrom)
    )
      continue;
    const typeHeader =
      typeof s.eventTypeFrom === 'object' && 'header' in s.eventTypeFrom ? s.eventTypeFrom.header : null;
    out.set(s.topic, { topic: s.topic, stream: s.id, keyFrom: s.aggregateIdFrom, typeHeader });
  }
  for (const topic of keyIndexSettings(cluster).topics)
    if (!out.has(topic)) out.set(topic, { topic, stream: null, keyFrom: 'key', typeHeader: null });
  return [...out.values()];
}

/** A record's row: its aggregate id as bytes, and what is cheap to read without decoding. */
export function rowOf(target: IndexTarget, record: RawRecord): IndexedRow | null {
  let key: Buffer | null;
  if (target.keyFrom === 'key') key = record.key;
  else {
    const name = target.keyFrom.header;
    key = record.headers.find((h) => h.key === name)?.value ?? null;
  }
  if (key === null) return null;
  let eventType: string | null = null;
  if (target.typeHeader !== null) {
    const name = target.typeHeader;
    eventType = record.headers.find((h) => h.key === name)?.value?.toString('utf8') ?? null;
  }
  const value = record.value;
  // The registry wire format: magic byte 0, then the schema id as a 4-byte big-endian integer.
  const schemaId = value !== null && value.length >= 5 && value[0] === 0 ? value.readInt32BE(1) : null;
  return { key, offset: record.offset, timestamp: record.timestamp, eventType, schemaId };
}

export interface PartitionStatus {
  partition: number;
  indexedUpTo: string;
  end: string;
  lag: string;
  events: number;
  eventsPerSecond: number;
}

export interface TopicStatus {
  topic: string;
  stream: string | null;
  partitions: PartitionStatus[];
  error: string | null;
}

export interface IndexerStatus {
  cluster: string;
  enabled: boolean;
  state: 'running' | 'paused' | 'stopped' | 'off';
  file: string | null;
  bytesOnDisk: number;
  topics: TopicStatus[];
}

/** Events per second of the last few seconds of reading, per partition. */
class Rate {
  #samples: { at: number; n: number }[] = [];
  add(n: number): void {
    const now = Date.now();
    this.#samples.push({ at: now, n });
    while (this.#samples.length && now - this.#samples[0]!.at > 5000) this.#samples.shift();
  }
  perSecond(): number {
    const now = Date.now();
    const recent = this.#samples.filter((s) => now - s.at <= 5000);
    if (recent.length === 0) return 0;
    const span = Math.max(1000, now - recent[0]!.at);
    return Math.round((recent.reduce((sum, s) => sum + s.n, 0) * 1000) / span);
  }
}

export class KeyIndexer {
  readonly cluster: ClusterConfig;
  #store: KeyIndexStore;
  #paused = false;
  #stopped = false;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #abort = new AbortController();
  #ends = new Map<string, bigint>();
  #rates = new Map<string, Rate>();
  #errors = new Map<string, string>();

  constructor(cluster: ClusterConfig, store: KeyIndexStore) {
    this.cluster = cluster;
    this.#store = store;
  }

  get paused(): boolean {
    return this.#paused;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#wake?.();
    await this.#running;
  }

  /** Forgets a topic and reads it again from the start (or the whole index without a topic). */
  rebuild(topic?: string): void {
    for (const t of topic ? [topic] : indexTargets(this.cluster).map((x) => x.topic))
      this.#store.forgetTopic(t);
    this.#wake?.();
  }

  /** One pass over every target: each partition from its progress to its end. True if it read anything. */
  async catchUp(): Promise<boolean> {
    let read = false;
    for (const target of indexTargets(this.cluster)) {
      if (this.#stopped || this.#paused) break;
      try {
        if (await this.#catchUpTopic(target)) read = true;
        this.#errors.delete(target.topic);
      } catch (error) {
        this.#errors.set(target.topic, error instanceof Error ? error.message : String(error));
      }
    }
    return read;
  }

  async #catchUpTopic(target: IndexTarget): Promise<boolean> {
    const marks = await readWatermarks(this.cluster, target.topic);
    const progress = new Map(this.#store.progress(target.topic).map((p) => [p.partition, p.nextOffset]));
    let read = false;
    for (const m of marks) {
      const id = `${target.topic}\u0000${m.partition}`;
      this.#ends.set(id, m.high);
      const rate = this.#rates.get(id) ?? new Rate();
      this.#rates.set(id, rate);
      // Below the log start the records are gone (retention): start at the first one there is.
      let from = progress.get(m.partition) ?? m.low;
      if (from < m.low) from = m.low;
      if (from >= m.high) continue;
      for await (const { records, nextOffset } of readRecordRange(this.cluster, {
        topic: target.topic,
        partition: m.partition,
        from,
        end: m.high,
        lane: 'scans',
        signal: this.#abort.signal,
      })) {
        const rows: IndexedRow[] = [];
        for (const r of records) {
          const row = rowOf(target, r);
          if (row) rows.push(row);
        }
        this.#store.append(target.topic, m.partition, rows, nextOffset);
        rate.add(records.length);
        read = true;
        if (this.#stopped || this.#paused) return read;
      }
    }
    return read;
  }

  async #loop(): Promise<void> {
    const { pollMs } = keyIndexSettings(this.cluster);
    while (!this.#stopped) {
      const read = this.#paused ? false : await this.catchUp();
      if (this.#stopped) break;
      if (!read) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    }
  }

  status(): IndexerStatus {
    const topics: TopicStatus[] = indexTargets(this.cluster).map((t) => {
      const progress = this.#store.progress(t.topic);
      const byPartition = new Map(progress.map((p) => [p.partition, p]));
      const partitions = new Set<number>(progress.map((p) => p.partition));
      for (const id of this.#ends.keys())
        if (id.startsWith(`${t.topic}\u0000`)) partitions.add(Number(id.slice(t.topic.length + 1)));
      return {
        topic: t.topic,
        stream: t.stream,
        error: this.#errors.get(t.topic) ?? null,
        partitions: [...partitions]
          .sort((a, b) => a - b)
          .map((partition) => {
            const p = byPartition.get(partition);
            const upTo = p?.nextOffset ?? 0n;
            const end = this.#ends.get(`${t.topic}\u0000${partition}`) ?? upTo;
            return {
              partition,
              indexedUpTo: upTo.toString(),
              end: end.toString(),
              lag: (end > upTo ? end - upTo : 0n).toString(),
              events: p?.events ?? 0,
              eventsPerSecond: this.#rates.get(`${t.topic}\u0000${partition}`)?.perSecond() ?? 0,
            };
          }),
      };
    });
    return {
      cluster: this.cluster.id,
      enabled: true,
      // An indexer this process never started (a script, a test) is reported as stopped.
      state: this.#stopped || !this.#running ? 'stopped' : this.#paused ? 'paused' : 'running',
      file: this.#store.file,
      bytesOnDisk: this.#store.sizeOnDisk(),
      topics,
    };
  }
}

const indexers = processMap<string, KeyIndexer>('keyIndexers');

/** The indexer of a cluster, created (not started) on first use; null when the index is off. */
export function keyIndexerFor(cluster: ClusterConfig): KeyIndexer | null {
  const store = keyIndexStore(cluster);
  if (!store) return null;
  let indexer = indexers.get(cluster.id);
  if (!indexer) {
    indexer = new KeyIndexer(cluster, store);
    indexers.set(cluster.id, indexer);
  }
  return indexer;
}

/** Starts the indexer of every cluster whose index is on: once per server process. */
export function startKeyIndexers(clusters: ClusterConfig[]): void {
  for (const cluster of clusters) keyIndexerFor(cluster)?.start();
}

export async function stopKeyIndexers(): Promise<void> {
  const all = [...indexers.values()];
  indexers.clear();
  await Promise.all(all.map((i) => i.stop()));
}
