'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Fact, Facts } from '@/components/ui/facts';
import { Notice } from '@/components/ui/notice';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Stat, StatList } from '@/components/ui/stat';
import { TabButtons } from '@/components/ui/tabs';
import { formatCount, formatElapsed, formatTimeOfDay, plural } from '@/lib/format';
import { useHasRole } from '@/lib/queries/clusters/cluster-role-query';
import { useClusters } from '@/lib/queries/clusters/clusters-query';
import { useDeleteGroup } from '@/lib/queries/groups/group-delete-mutation';
import { useGroupDetail } from '@/lib/queries/groups/group-query';
import { useUrlState } from '@/lib/queries/use-url-state';
import type { GroupDetail, ResetApplyResult } from '@/lib/schemas/groups';
import { ConfirmDialog } from './confirm-dialog';
import { GroupStateBadge, GroupTypeBadge } from './group-badges';
import { LagChart } from './lag-chart';
import { MembersTable } from './members-table';
import { PartitionLagTable } from './partition-lag-table';
import { ResetOffsetsPanel } from './reset-offsets-panel';

type Tab = 'lag' | 'members' | 'reset';

function GroupFacts({ detail }: { detail: GroupDetail }) {
  const rows: [string, ReactNode][] = [
    [
      'Type',
      detail.type === 'consumer'
        ? 'consumer (KIP-848): the broker assigns partitions'
        : 'classic: the members\u2019 leader assigns partitions',
    ],
    ['Protocol type', detail.protocolType || '— (offsets only, no member has joined)'],
    ['Assignor', detail.assignor ?? '—'],
    [
      'Coordinator',
      detail.coordinator
        ? `node ${detail.coordinator.nodeId} · ${detail.coordinator.host}:${detail.coordinator.port}`
        : '—',
    ],
  ];
  if (detail.epoch !== null) rows.push(['Group epoch', detail.epoch]);
  return (
    <Facts className="text-sm" testId="group-facts">
      {rows.map(([k, v]) => (
        <Fact
          key={k}
          label={k}
          mono
          className="text-xs leading-5 text-slate-800"
          testId={`fact-${k.toLowerCase().replace(/\s+/g, '-')}`}
        >
          {v}
        </Fact>
      ))}
    </Facts>
  );
}

function DeleteGroupButton({
  clusterId,
  detail,
  readOnly,
}: {
  clusterId: string;
  detail: GroupDetail;
  readOnly: boolean;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const remove = useDeleteGroup(clusterId, detail.id);
  const why = readOnly
    ? 'read-only cluster'
    : detail.running
      ? "stop the group's consumers first"
      : undefined;
  return (
    <>
      <Button
        variant="danger-outline"
        onClick={() => setAsking(true)}
        disabled={why !== undefined}
        title={why ?? 'Delete the group and its committed offsets'}
        testId="delete-group-button"
      >
        Delete group…
      </Button>
      {asking ? (
        <ConfirmDialog
          title={`Delete group ${detail.id}?`}
          confirmLabel="Delete group"
          pending={remove.isPending}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            remove.mutate(undefined, { onSuccess: () => router.push(`/clusters/${clusterId}/groups`) })
          }
          testId="delete-confirm"
        >
          <p>
            Its committed offsets on{' '}
            {detail.topics.length ? detail.topics.map((t) => t.topic).join(', ') : 'no topic'} are removed; a
            consumer that joins it later starts where its <span className="font-mono">auto.offset.reset</span>{' '}
            says. The offsets it had are kept in the audit trail.
          </p>
          {remove.isError ? (
            <div className="mt-3">
              <ErrorPanel title="The group was not deleted" error={remove.error} />
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function GroupDetailView({ clusterId, groupId }: { clusterId: string; groupId: string }) {
  const url = useUrlState();
  const detail = useGroupDetail(clusterId, groupId);
  const clusters = useClusters();
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false;
  // Deleting a group is for admins; the button is not shown to others.
  const mayDelete = useHasRole(clusterId, 'admin');
  const missing = detail.data === null;
  const requested = url.get('tab');
  const tab: Tab = missing ? 'reset' : requested === 'members' || requested === 'reset' ? requested : 'lag';
  const setTab = (t: Tab) => url.set({ tab: t === 'lag' ? null : t });
  const data = detail.data ?? undefined;
  const [applied, setApplied] = useState<ResetApplyResult | null>(null);

  return (
    <Page>
      <PageHeader
        eyebrow={
          <Link
            href={`/clusters/${clusterId}/groups`}
            className="hover:text-slate-800 hover:underline"
            data-testid="back-to-groups"
          >
            ← Consumer groups
          </Link>
        }
        title={groupId}
        mono
        titleTestId="group-id"
        actions={
          <>
            {data ? (
              <>
                <GroupTypeBadge type={data.type} testId="group-type-badge" />
                <GroupStateBadge state={data.state} testId="group-state-badge" />
                {data.running ? <Badge tone="good">running</Badge> : <Badge tone="neutral">stopped</Badge>}
                {data.system ? <Badge tone="warn">system group</Badge> : null}
                {mayDelete ? (
                  <DeleteGroupButton clusterId={clusterId} detail={data} readOnly={readOnly} />
                ) : null}
              </>
            ) : null}
            {missing ? (
              <Badge tone="info" testId="group-new-badge">
                not created yet
              </Badge>
            ) : null}
          </>
        }
      />

      {detail.isPending ? (
        <StatList placeholders={4} />
      ) : missing ? (
        <Notice
          tone="info"
          title={`No group named ${groupId} exists on this cluster yet.`}
          testId="group-missing"
        >
          Reset its offsets for a topic to create it, for example to point a new read model at the start of
          its stream. Nothing is created until you confirm.
        </Notice>
      ) : detail.isError && !data ? (
        <ErrorPanel title="The group could not be shown" error={detail.error} testId="group-error" />
      ) : data ? (
        <>
          {detail.isError ? (
            <ErrorPanel
              title="The last refresh failed; showing the previous answer"
              message={detail.error.message}
              testId="group-refresh-error"
            />
          ) : null}
          {/* Five figures: one row of five on a wide screen rather than four and one left over. */}
          <StatList className="xl:grid-cols-5">
            <Stat label="Total lag" value={formatCount(data.totalLag)} testId="stat-total-lag" />
            <Stat
              label="Behind by"
              value={data.maxLagMs === null ? '—' : formatElapsed(data.maxLagMs)}
              testId="stat-lag-time"
            />
            <Stat label="Members" value={data.members.length} testId="stat-members" />
            <Stat label="Topics" value={data.topics.length} testId="stat-topics" />
            <Stat label="Partitions" value={data.partitions.length} testId="stat-partitions" />
          </StatList>
          <Card title="Group">
            <GroupFacts detail={data} />
            {data.missingTopics.length ? (
              <p className="mt-3 text-xs text-amber-700">
                Committed offsets on deleted topics: {data.missingTopics.join(', ')}
              </p>
            ) : null}
          </Card>
        </>
      ) : null}

      {applied ? (
        <Notice tone="good" onDismiss={() => setApplied(null)} testId="reset-applied">
          <span className="font-semibold">Offsets reset.</span> {plural(applied.changed.length, 'partition')}{' '}
          of {applied.group} moved; the group reads from there when its consumers start. Recorded in the audit
          trail.
        </Notice>
      ) : null}

      {!detail.isPending && (data || missing) ? (
        <div className="space-y-4">
          <TabButtons
            active={tab}
            onChange={setTab}
            tabs={[
              ...(data
                ? [
                    { id: 'lag' as const, label: 'Lag' },
                    { id: 'members' as const, label: `Members (${formatCount(data.members.length)})` },
                  ]
                : []),
              { id: 'reset', label: 'Reset offsets' },
            ]}
          />
          {tab === 'lag' && data ? (
            <div className="space-y-5">
              <Card
                title="Lag over time"
                aside={
                  <span className="text-xs text-slate-500">
                    total{data.topics.length > 1 ? ' and per topic' : ''}
                  </span>
                }
              >
                <LagChart clusterId={clusterId} detail={data} />
              </Card>
              <Card
                title="Lag per partition"
                aside={<span className="text-xs text-slate-500">read {formatTimeOfDay(data.at)} UTC</span>}
              >
                <PartitionLagTable detail={data} />
              </Card>
            </div>
          ) : null}
          {tab === 'members' && data ? (
            <Card title="Members">
              <MembersTable detail={data} />
            </Card>
          ) : null}
          {tab === 'reset' ? (
            <Card
              title="Reset offsets"
              aside={<span className="text-xs text-slate-500">replay a read model</span>}
            >
              <ResetOffsetsPanel
                key={`${groupId}-${data ? 'exists' : 'new'}`}
                clusterId={clusterId}
                groupId={groupId}
                detail={data}
                readOnly={readOnly}
                onApplied={setApplied}
              />
            </Card>
          ) : null}
        </div>
      ) : null}
    </Page>
  );
}
