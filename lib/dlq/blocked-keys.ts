import type { BlockedKey } from '@/lib/schemas/dlq';
import type { DeadLetterEntry } from './summarize-dead-letters';

/**
 * Blocked keys: an event store cares about order per aggregate, so for each dead-lettered key we
 * count the events of the same key that come after its first failure in the origin partition
 * (processed out of order, or stuck behind it) and how many of those are dead letters too. Pure:
 * the caller reads the origin partitions from `ranges()` and feeds every record to `observe`.
 */
export class BlockedKeyCounter {
  /** topic → partition → key → state */
  private readonly byPartition = new Map<
    string,
    Map<
      number,
      Map<string, { failedOffset: bigint; deadLettered: number; later: number; laterDeadLettered: number }>
    >
  >();
  /** Origin coordinates of every dead letter, "topic/partition@offset". */
  private readonly deadLetteredAt = new Set<string>();

  constructor(entries: readonly DeadLetterEntry[]) {
    for (const e of entries) {
      const { topic, partition, offset } = e.info.origin;
      if (e.key === null || topic === null || partition === null || offset === null) continue;
      const at = BigInt(offset);
      this.deadLetteredAt.add(`${topic}/${partition}@${at}`);
      let partitions = this.byPartition.get(topic);
      if (!partitions) this.byPartition.set(topic, (partitions = new Map()));
      let keys = partitions.get(partition);
      if (!keys) partitions.set(partition, (keys = new Map()));
      const state = keys.get(e.key);
      if (state) {
        state.deadLettered++;
        if (at < state.failedOffset) state.failedOffset = at;
      } else keys.set(e.key, { failedOffset: at, deadLettered: 1, later: 0, laterDeadLettered: 0 });
    }
  }

  /** What to read: each origin partition from just after its earliest failure. */
  ranges(): { topic: string; partition: number; from: bigint }[] {
    const out: { topic: string; partition: number; from: bigint }[] = [];
    for (const [topic, partitions] of this.byPartition) {
      for (const [partition, keys] of partitions) {
        let from: bigint | null = null;
        for (const s of keys.values()) if (from === null || s.failedOffset < from) from = s.failedOffset;
        out.push({ topic, partition, from: from! + 1n });
      }
    }
    return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  get checkedKeys(): number {
    let n = 0;
    for (const partitions of this.byPartition.values())
      for (const keys of partitions.values()) n += keys.size;
    return n;
  }

  observe(topic: string, partition: number, key: string | null, offset: bigint): void {
    if (key === null) return;
    const state = this.byPartition.get(topic)?.get(partition)?.get(key);
    if (!state || offset <= state.failedOffset) return;
    state.later++;
    if (this.deadLetteredAt.has(`${topic}/${partition}@${offset}`)) state.laterDeadLettered++;
  }

  /** Keys with at least one later event, most later events first. */
  result(): BlockedKey[] {
    const out: BlockedKey[] = [];
    for (const [originTopic, partitions] of this.byPartition) {
      for (const [originPartition, keys] of partitions) {
        for (const [key, s] of keys) {
          if (s.later === 0) continue;
          out.push({
            key,
            originTopic,
            originPartition,
            failedOffset: s.failedOffset.toString(),
            deadLettered: s.deadLettered,
            later: s.later,
            laterDeadLettered: s.laterDeadLettered,
          });
        }
      }
    }
    return out.sort((a, b) => b.later - a.later || a.key.localeCompare(b.key));
  }
}
