import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { currentPrincipal } from '@/lib/auth/request-context';
import { closeProducer, createProducer, produceBatch } from '@/lib/kafka/producer';
import { createTopicIfMissing } from '@/lib/kafka/topics';

/** Where every write the console makes is recorded, in the cluster it changed. */
export const AUDIT_TOPIC = '_console-audit';

export interface AuditEntry {
  /** e.g. "produce", "reset-offsets", "redrive", "alter-config" */
  action: string;
  /** What was changed: a topic, a group, a job id. */
  target: string;
  /** Who did it; by default the caller the route wrapper runs the request as ("local" without sign-in). */
  actor?: string;
  details: Record<string, unknown>;
}

/** Refuses every write on a cluster configured read-only. */
export function assertWritable(cluster: ClusterConfig): void {
  if (cluster.readOnly)
    throw new AppError('READ_ONLY', `cluster "${cluster.id}" is read-only: the console does not write to it`);
}

/**
 * Appends one entry to the audit topic (created on first use, kept forever). The console keeps
 * no state outside Kafka, so the trail is readable by any instance and by any Kafka tool.
 */
export async function recordAudit(cluster: ClusterConfig, entry: AuditEntry): Promise<void> {
  await createTopicIfMissing(cluster, {
    name: AUDIT_TOPIC,
    partitions: 1,
    configs: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
  });
  const producer = createProducer(cluster, { clientIdSuffix: 'audit' });
  try {
    // The actor is whoever the route wrapper runs the request as (the signed-in user).
    const actor = entry.actor ?? currentPrincipal()?.name ?? 'anonymous';
    const record = {
      at: new Date().toISOString(),
      cluster: cluster.id,
      actor,
      action: entry.action,
      target: entry.target,
      details: entry.details,
    };
    await produceBatch(producer, [
      {
        topic: AUDIT_TOPIC,
        partition: 0,
        key: Buffer.from(entry.target),
        value: Buffer.from(JSON.stringify(record)),
        headers: { action: entry.action },
      },
    ]);
  } finally {
    await closeProducer(producer);
  }
}
