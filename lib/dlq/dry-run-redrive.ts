import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { DryRun, DryRunBody, DryRunItem } from '@/lib/schemas/dlq';
import { createDestinationChecker } from './check-destination';
import { readDeadLetterTopic } from './read-dead-letter-topic';
import { selectDeadLetters } from './select-dead-letters';

/** Items listed in the answer; the counts always cover the whole selection. */
const MAX_ITEMS = 2_000;

/**
 * What a redrive of the selection would do, message by message: the destination (the origin
 * from the headers, or the one chosen), the headers it would keep and drop, and whether the
 * destination's current value schema reads the value. Reads only; writes nothing.
 */
export async function dryRunRedrive(
  cluster: ClusterConfig,
  topic: string,
  body: DryRunBody,
  signal?: AbortSignal,
): Promise<DryRun> {
  const { letters } = await readDeadLetterTopic(cluster, topic, { signal });
  const selected = await selectDeadLetters(cluster, topic, letters, body.selection);
  const check = createDestinationChecker(cluster);
  const items: DryRunItem[] = [];
  const perDestination = new Map<string | null, { count: number; failed: number }>();
  let ok = 0;
  for (const letter of selected) {
    const target = body.destination ?? letter.info.origin.topic;
    const dropped = new Set(letter.info.deadLetterHeaderKeys);
    const base = {
      partition: letter.partition,
      offset: letter.offset.toString(),
      key: letter.key,
      destination: target,
      headersKept: letter.record.headers.filter((h) => !dropped.has(h.key)).length,
      headersDropped: [...dropped],
    };
    const { partitionCount: _count, ...verdict } = await check(letter, target);
    if (verdict.ok) ok++;
    let tally = perDestination.get(target);
    if (!tally) perDestination.set(target, (tally = { count: 0, failed: 0 }));
    tally.count++;
    if (!verdict.ok) tally.failed++;
    if (items.length < MAX_ITEMS) items.push({ ...base, ...verdict });
  }
  return {
    selected: selected.length,
    ok,
    failed: selected.length - ok,
    destinations: [...perDestination].map(([t, v]) => ({ topic: t, ...v })),
    items,
  };
}
