import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { deleteGroup } from '@/lib/kafka/delete-group';
import { assertGroupNotRunning, committedOffsetsOf, findGroupListing } from './group-positions';

/**
 * Deletes a group that is not running, with its committed offsets. The offsets it had are kept
 * in the audit entry, so a deletion by mistake can be undone with an explicit reset.
 */
export async function deleteConsumerGroup(
  cluster: ClusterConfig,
  groupId: string,
): Promise<{ group: string; deleted: true }> {
  assertWritable(cluster);
  const listing = await findGroupListing(cluster, groupId);
  if (!listing) throw new AppError('UNKNOWN_GROUP', `group ${groupId} does not exist`);
  assertGroupNotRunning(groupId, listing);
  const committed = await committedOffsetsOf(cluster, groupId);
  await deleteGroup(cluster, groupId);
  await recordAudit(cluster, {
    action: 'delete-group',
    target: groupId,
    details: {
      type: listing.groupType,
      state: listing.state,
      committedOffsets: Object.fromEntries(
        [...committed].map(([topic, partitions]) => [
          topic,
          Object.fromEntries([...partitions].map(([p, o]) => [p, o.toString()])),
        ]),
      ),
    },
  });
  return { group: groupId, deleted: true };
}
