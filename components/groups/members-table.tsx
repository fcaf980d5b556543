import type { GroupDetail } from '@/lib/schemas/groups';
import { formatAssignment } from './format';

export function MembersTable({ detail }: { detail: GroupDetail }) {
  if (detail.members.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid="no-members">
        No consumer is a member right now: the group is {detail.state === 'DEAD' ? 'dead' : 'stopped'}. Its committed offsets stay, and its offsets can be reset.
      </p>
    );
  }
  return (
    <table className="w-full text-sm" data-testid="members-table">
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
          <th className="pb-2 pr-3 font-medium">Member</th>
          <th className="pb-2 pr-3 font-medium">Client id</th>
          <th className="pb-2 pr-3 font-medium">Host</th>
          <th className="pb-2 font-medium">Assigned partitions</th>
        </tr>
      </thead>
      <tbody>
        {detail.members.map((m) => (
          <tr key={m.memberId} className="border-t border-slate-100 align-top" data-testid="member-row">
            <td className="max-w-[16rem] truncate py-2 pr-3 font-mono text-xs" title={m.memberId}>
              {m.memberId}
              {m.instanceId ? <div className="text-slate-500">static: {m.instanceId}</div> : null}
            </td>
            <td className="py-2 pr-3 font-mono text-xs" data-testid="member-client-id">
              {m.clientId}
            </td>
            <td className="py-2 pr-3 font-mono text-xs">{m.host}</td>
            <td className="py-2 font-mono text-xs" data-testid="member-assignment">
              {formatAssignment(m.assignment)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
