import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ClusterConfig } from '@/lib/config/schema';
import { processMap } from '@/lib/process-map';

/**
 * The key index of one cluster: an embedded SQLite file (node:sqlite, see
 * docs/decisions/0003-key-index-store.md) mapping a record key to its (partition, offset,
 * timestamp, event type, schema id). Keys, topics and event types are stored once and referred to
 * by small integers, and events live in a WITHOUT ROWID table clustered by (topic, key,
 * partition, offset), so one key's events are one contiguous range on disk and a row is a few
 * varints: about 25 bytes per event.
 *
 * It is a cache: the file can be deleted at any time and is rebuilt; every reader falls back to a
 * scan for what the index does not cover. Progress per partition is written in the same
 * transaction as the rows it covers, so a crash never leaves rows without progress or the reverse.
 */

export interface IndexedRow {
  key: Buffer;
  offset: bigint;
  timestamp: number;
  eventType: string | null;
  schemaId: number | null;
}

export interface IndexedEvent {
  partition: number;
  offset: bigint;
  timestamp: number;
  eventType: string | null;
  schemaId: number | null;
}

export interface PartitionProgress {
  partition: number;
  /** Every record before this offset is in the index. */
  nextOffset: bigint;
  events: number;
}

export interface KeyIndexSettings {
  enabled: boolean;
  dir: string;
  topics: string[];
  pollMs: number;
}

export function keyIndexSettings(cluster: ClusterConfig): KeyIndexSettings {
  const k = cluster.keyIndex;
  return {
    enabled: k?.enabled ?? true,
    dir: k?.dir ?? '.console-data/key-index',
    topics: k?.topics ?? [],
    pollMs: k?.pollMs ?? 2000,
  };
}

export function indexFile(settings: KeyIndexSettings, clusterId: string): string {
  return path.resolve(settings.dir, `${clusterId}.sqlite`);
}

const SCHEMA = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA busy_timeout = 5000;
CREATE TABLE IF NOT EXISTS topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS types (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS events (
  topic_id INTEGER NOT NULL, key_id INTEGER NOT NULL, partition INTEGER NOT NULL, off INTEGER NOT NULL,
  ts INTEGER NOT NULL, type_id INTEGER, schema_id INTEGER,
  PRIMARY KEY (topic_id, key_id, partition, off)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS progress (
  topic_id INTEGER NOT NULL, partition INTEGER NOT NULL, next_off INTEGER NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY (topic_id, partition)
) WITHOUT ROWID;
`;

/** Ids of names that repeat (keys, topics, types), cached with a bound so memory stays flat. */
class NameIds {
  #cache = new Map<string, number>();
  constructor(
    private readonly insert: StatementSync,
    private readonly select: StatementSync,
    private readonly limit: number,
  ) {}
  id(name: string | Buffer): number {
    const k = typeof name === 'string' ? name : name.toString('latin1');
    const hit = this.#cache.get(k);
    if (hit !== undefined) return hit;
    this.insert.run(name);
    const id = Number((this.select.get(name) as { id: number | bigint }).id);
    if (this.#cache.size >= this.limit) this.#cache.clear();
    this.#cache.set(k, id);
    return id;
  }
  lookup(name: string | Buffer): number | undefined {
    const row = this.select.get(name) as { id: number | bigint } | undefined;
    return row ? Number(row.id) : undefined;
  }
  clear(): void {
    this.#cache.clear();
  }
}

export class KeyIndexStore {
  readonly file: string;
  #db: DatabaseSync;
  #topics: NameIds;
  #keys: NameIds;
  #types: NameIds;
  #insertEvent: StatementSync;
  #setProgress: StatementSync;

  constructor(file: string) {
    this.file = file;
    mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec(SCHEMA);
    const db = this.#db;
    this.#topics = new NameIds(
      db.prepare('INSERT OR IGNORE INTO topics(name) VALUES (?)'),
      db.prepare('SELECT id FROM topics WHERE name = ?'),
      1000,
    );
    this.#keys = new NameIds(
      db.prepare('INSERT OR IGNORE INTO keys(key) VALUES (?)'),
      db.prepare('SELECT id FROM keys WHERE key = ?'),
      200_000,
    );
    this.#types = new NameIds(
      db.prepare('INSERT OR IGNORE INTO types(name) VALUES (?)'),
      db.prepare('SELECT id FROM types WHERE name = ?'),
      10_000,
    );
    this.#insertEvent = db.prepare('INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#setProgress = db.prepare(
      'INSERT INTO progress VALUES (?, ?, ?, ?) ON CONFLICT (topic_id, partition) DO UPDATE SET next_off = excluded.next_off, events = progress.events + excluded.events',
    );
  }

  /** The rows of one read of a partition and the offset it reached, in one transaction. */
  append(topic: string, partition: number, rows: IndexedRow[], nextOffset: bigint): void {
    const db = this.#db;
    db.exec('BEGIN IMMEDIATE');
    try {
      const topicId = this.#topics.id(topic);
      for (const r of rows) {
        this.#insertEvent.run(
          topicId,
          this.#keys.id(r.key),
          partition,
          r.offset,
          r.timestamp,
          r.eventType === null ? null : this.#types.id(r.eventType),
          r.schemaId,
        );
      }
      this.#setProgress.run(topicId, partition, nextOffset, rows.length);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Where the index of a topic stands, per partition (empty when it was never indexed). */
  progress(topic: string): PartitionProgress[] {
    const topicId = this.#topics.lookup(topic);
    if (topicId === undefined) return [];
    const rows = this.#db
      .prepare('SELECT partition, next_off, events FROM progress WHERE topic_id = ? ORDER BY partition')
      .all(topicId) as { partition: number; next_off: number | bigint; events: number | bigint }[];
    return rows.map((r) => ({
      partition: Number(r.partition),
      nextOffset: BigInt(r.next_off),
      events: Number(r.events),
    }));
  }

  /** The indexed events of one key, by partition then offset, from `after` on; at most `limit`. */
  lookup(
    topic: string,
    key: Buffer,
    options: {
      partitions?: number[];
      limit?: number;
      after?: { partition: number; offset: bigint };
      fromOffset?: Map<number, bigint>;
    } = {},
  ): IndexedEvent[] {
    const topicId = this.#topics.lookup(topic);
    const keyId = this.#keys.lookup(key);
    if (topicId === undefined || keyId === undefined) return [];
    const after = options.after;
    const rows = (
      after
        ? this.#db
            .prepare(
              'SELECT partition, off, ts, t.name AS type, schema_id FROM events e LEFT JOIN types t ON t.id = e.type_id WHERE topic_id = ? AND key_id = ? AND (partition, off) > (?, ?) ORDER BY partition, off LIMIT ?',
            )
            .all(topicId, keyId, after.partition, after.offset, options.limit ?? -1)
        : this.#db
            .prepare(
              'SELECT partition, off, ts, t.name AS type, schema_id FROM events e LEFT JOIN types t ON t.id = e.type_id WHERE topic_id = ? AND key_id = ? ORDER BY partition, off LIMIT ?',
            )
            .all(topicId, keyId, options.limit ?? -1)
    ) as {
      partition: number;
      off: number | bigint;
      ts: number | bigint;
      type: string | null;
      schema_id: number | null;
    }[];
    const wanted = options.partitions ? new Set(options.partitions) : null;
    const out: IndexedEvent[] = [];
    for (const r of rows) {
      const partition = Number(r.partition);
      if (wanted && !wanted.has(partition)) continue;
      const offset = BigInt(r.off);
      const from = options.fromOffset?.get(partition);
      if (from !== undefined && offset < from) continue;
      out.push({
        partition,
        offset,
        timestamp: Number(r.ts),
        eventType: r.type,
        schemaId: r.schema_id === null ? null : Number(r.schema_id),
      });
    }
    return out;
  }

  /** How many events of one key the index holds for a topic. */
  countKey(topic: string, key: Buffer): number {
    const topicId = this.#topics.lookup(topic);
    const keyId = this.#keys.lookup(key);
    if (topicId === undefined || keyId === undefined) return 0;
    return Number(
      (
        this.#db
          .prepare('SELECT count(*) AS n FROM events WHERE topic_id = ? AND key_id = ?')
          .get(topicId, keyId) as { n: number | bigint }
      ).n,
    );
  }

  /** Forgets one topic (its rows and progress), so the indexer reads it again from the start. */
  forgetTopic(topic: string): void {
    const topicId = this.#topics.lookup(topic);
    if (topicId === undefined) return;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.prepare('DELETE FROM events WHERE topic_id = ?').run(topicId);
      this.#db.prepare('DELETE FROM progress WHERE topic_id = ?').run(topicId);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Bytes on disk: the database and its write-ahead log. */
  sizeOnDisk(): number {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(this.file + suffix).size;
      } catch {
        // a missing log is zero bytes
      }
    }
    return total;
  }

  /** Folds the write-ahead log into the database, so the size on disk is the index's own. */
  checkpoint(): void {
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.#topics.clear();
    this.#keys.clear();
    this.#types.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

const stores = processMap<string, KeyIndexStore>('keyIndexStores');

/** The open store of a cluster (one per file per process), or null when the index is turned off. */
export function keyIndexStore(cluster: ClusterConfig): KeyIndexStore | null {
  const settings = keyIndexSettings(cluster);
  if (!settings.enabled) return null;
  const file = indexFile(settings, cluster.id);
  let store = stores.get(file);
  if (!store) {
    store = new KeyIndexStore(file);
    stores.set(file, store);
  }
  return store;
}

/** The store of a cluster if its file exists: readers never create one, they scan instead. */
export function existingKeyIndexStore(cluster: ClusterConfig): KeyIndexStore | null {
  const settings = keyIndexSettings(cluster);
  if (!settings.enabled) return null;
  const file = indexFile(settings, cluster.id);
  if (!stores.has(file) && !existsSync(file)) return null;
  return keyIndexStore(cluster);
}

/** Closes the store of a cluster and deletes its files: the next start rebuilds it. */
export function deleteKeyIndex(cluster: ClusterConfig): void {
  const file = indexFile(keyIndexSettings(cluster), cluster.id);
  stores.get(file)?.close();
  stores.delete(file);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

export function closeKeyIndexStores(): void {
  for (const s of stores.values()) s.close();
  stores.clear();
}
