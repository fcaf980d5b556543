import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { assertTopicWritable } from './assert-topic-writable';
import { SYSTEM_TOPIC } from '@/lib/kafka/cluster';
import { createTopic as createKafkaTopic } from '@/lib/kafka/create-topic';
import type { CreatedTopic, createTopicBody } from '@/lib/schemas/topics';
import type { z } from 'zod';

/** Creates a topic on a writable cluster and records it in the audit trail. */
export async function createTopic(
  cluster: ClusterConfig,
  input: z.output<typeof createTopicBody>,
): Promise<CreatedTopic> {
  assertWritable(cluster);
  if (SYSTEM_TOPIC.test(input.name)) {
    throw new AppError(
      'BAD_REQUEST',
      `"${input.name}" is a name reserved for internal topics (Kafka's, the registry's or the console's)`,
    );
  }
  // The name is in the body, out of the route wrapper's sight: the internal-topic rule of every write.
  assertTopicWritable(cluster, input.name);
  const configs: Record<string, string> = { 'cleanup.policy': input.cleanupPolicy };
  if (input.retentionMs !== undefined) configs['retention.ms'] = String(input.retentionMs);
  await createKafkaTopic(cluster, {
    name: input.name,
    partitions: input.partitions,
    replicationFactor: input.replicationFactor,
    configs,
  });
  await recordAudit(cluster, {
    action: 'create-topic',
    target: input.name,
    details: { partitions: input.partitions, replicationFactor: input.replicationFactor, configs },
  }).catch((error: unknown) => {
    throw new AppError(
      'INTERNAL',
      `topic "${input.name}" was created, but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return {
    name: input.name,
    partitions: input.partitions,
    replicationFactor: input.replicationFactor,
    configs,
  };
}
