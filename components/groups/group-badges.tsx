import { Badge } from '@/components/ui/badge';
import { groupStateLabel } from '@/lib/groups/group-state';
import type { GroupState } from '@/lib/schemas/groups';

const stateTone: Record<GroupState, 'good' | 'neutral' | 'warn' | 'bad' | 'info'> = {
  STABLE: 'good',
  EMPTY: 'neutral',
  DEAD: 'neutral',
  PREPARING_REBALANCE: 'warn',
  COMPLETING_REBALANCE: 'warn',
  ASSIGNING: 'warn',
  RECONCILING: 'warn',
  UNKNOWN: 'bad',
};

export function GroupStateBadge({ state, testId }: { state: GroupState; testId?: string }) {
  return (
    <Badge tone={stateTone[state]} testId={testId}>
      {groupStateLabel(state)}
    </Badge>
  );
}

/** "classic" or "consumer" (KIP-848), as the broker names the group type. */
export function GroupTypeBadge({ type, testId }: { type: 'classic' | 'consumer'; testId?: string }) {
  return (
    <span
      className="whitespace-nowrap"
      title={
        type === 'consumer'
          ? 'KIP-848 consumer group: the broker assigns partitions'
          : 'Classic group: JoinGroup / SyncGroup, the client leader assigns'
      }
    >
      <Badge tone={type === 'consumer' ? 'info' : 'neutral'} testId={testId}>
        {type === 'consumer' ? 'consumer · KIP-848' : 'classic'}
      </Badge>
    </span>
  );
}
