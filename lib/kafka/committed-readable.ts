import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import type { ProducedRecord } from './producer';
import { fetchRecordChunk } from './reader';

const POLL_MS = 10;

/**
 * Waits until read_committed readers see the records of a committed transaction. The broker
 * answers a commit once it has logged the decision, and writes the commit markers into the
 * partitions after that: until a partition has its marker, a read_committed read stops before the
 * transaction's records (right after a commit, about one read in ten here). A caller that reads
 * back what it committed, or hands it to readers that will, waits for this first.
 */
export async function waitUntilCommittedReadable(
  cluster: ClusterConfig,
  produced: readonly ProducedRecord[],
  timeoutMs = 10_000,
): Promise<void> {
  const last = new Map<string, ProducedRecord>();
  for (const r of produced) {
    const key = `${r.topic}\u0000${r.partition}`;
    const seen = last.get(key);
    if (!seen || r.offset > seen.offset) last.set(key, r);
  }
  const deadline = Date.now() + timeoutMs;
  for (const r of last.values()) {
    for (;;) {
      const chunk = await fetchRecordChunk(cluster, {
        topic: r.topic,
        partition: r.partition,
        fromOffset: r.offset,
        maxBytes: 1,
        isolation: 'read_committed',
      });
      if (chunk.readableEnd > r.offset) break;
      if (Date.now() > deadline)
        throw new AppError(
          'TIMEOUT',
          `the transaction committed to ${r.topic}/${r.partition} was still not readable after ${timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
