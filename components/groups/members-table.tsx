import { Table, type Column } from '@/components/ui/table';
import type { GroupDetail } from '@/lib/schemas/groups';
import { formatAssignment } from './format';

type GroupMember = GroupDetail['members'][number];

const columns: Column<GroupMember>[] = [
  {
    id: 'member',
    header: 'Member',
    mono: true,
    className: 'max-w-[16rem] truncate text-xs',
    title: (m) => m.memberId,
    cell: (m) => (
      <>
        {m.memberId}
        {m.instanceId ? <div className="text-slate-500">static: {m.instanceId}</div> : null}
      </>
    ),
  },
  {
    id: 'client',
    header: 'Client id',
    mono: true,
    className: 'text-xs',
    cell: (m) => m.clientId,
    testId: 'member-client-id',
  },
  { id: 'host', header: 'Host', mono: true, className: 'text-xs', cell: (m) => m.host },
  {
    id: 'assignment',
    header: 'Assigned partitions',
    mono: true,
    className: 'text-xs',
    cell: (m) => formatAssignment(m.assignment),
    testId: 'member-assignment',
  },
];

export function MembersTable({ detail }: { detail: GroupDetail }) {
  if (detail.members.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid="no-members">
        No consumer is a member right now: the group is {detail.state === 'DEAD' ? 'dead' : 'stopped'}. Its
        committed offsets stay, and its offsets can be reset.
      </p>
    );
  }
  return (
    <Table
      columns={columns}
      rows={detail.members}
      rowKey={(m) => m.memberId}
      frame={false}
      testId="members-table"
      rowTestId="member-row"
      rowClassName={() => 'align-top'}
    />
  );
}
