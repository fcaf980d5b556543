import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { SYSTEM_TOPIC } from '@/lib/kafka/cluster';
import { deleteTopicsIfPresent } from '@/lib/kafka/topics';

/**
 * Deletes a topic, for good. The caller repeats the name as confirmation; internal topics are
 * refused; the deletion is audited.
 */
export async function deleteTopic(
  cluster: ClusterConfig,
  topic: string,
  confirm: string,
): Promise<{ deleted: string }> {
  assertWritable(cluster);
  if (confirm !== topic)
    throw new AppError('BAD_REQUEST', `to delete topic "${topic}", repeat its name as "confirm"`);
  if (SYSTEM_TOPIC.test(topic))
    throw new AppError('BAD_REQUEST', `"${topic}" is an internal topic; the console does not delete it`);
  const deleted = await deleteTopicsIfPresent(cluster, [topic]);
  if (deleted.length === 0) throw new AppError('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  await recordAudit(cluster, { action: 'delete-topic', target: topic, details: {} }).catch(
    (error: unknown) => {
      throw new AppError(
        'INTERNAL',
        `topic "${topic}" was deleted, but its audit entry could not be written: ${(error as Error).message}`,
        { cause: error },
      );
    },
  );
  return { deleted: topic };
}
