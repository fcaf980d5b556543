'use client';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Page, PageHeader } from '@/components/ui/page-header';
import { Stat, StatList } from '@/components/ui/stat';
import { Table, type Column } from '@/components/ui/table';
import { formatCount, formatElapsed, plural } from '@/lib/format';
import { useClusterOverview } from '@/lib/queries/clusters/overview-query';
import type { ClusterOverview } from '@/lib/schemas/clusters';

type Broker = Extract<ClusterOverview['kafka'], { status: 'up' }>['brokers'][number];

const brokerColumns: Column<Broker>[] = [
  { id: 'node', header: 'Node', mono: true, cell: (b) => b.nodeId },
  { id: 'address', header: 'Address', mono: true, cell: (b) => `${b.host}:${b.port}` },
  { id: 'rack', header: 'Rack', className: 'text-slate-500', cell: (b) => b.rack ?? '—' },
  {
    id: 'role',
    header: 'Role',
    cell: (b) =>
      b.isController ? (
        <Badge tone="info" testId="controller-badge">
          controller
        </Badge>
      ) : (
        <span className="text-slate-400">broker</span>
      ),
  },
];

function KafkaSection({ kafka }: { kafka: ClusterOverview['kafka'] }) {
  if (kafka.status === 'down') {
    return (
      <ErrorPanel
        title="Kafka is unreachable"
        message={kafka.problem.message}
        code={kafka.problem.code}
        testId="kafka-error"
      />
    );
  }
  return (
    <div className="space-y-4">
      <StatList>
        <Stat label="Brokers" value={kafka.brokers.length} testId="stat-brokers" />
        <Stat label="Topics" value={kafka.topicCount} testId="stat-topics" />
        <Stat label="Partitions" value={kafka.partitionCount} testId="stat-partitions" />
        <Stat label="Consumer groups" value={kafka.groupCount} testId="stat-groups" />
      </StatList>
      <Card
        title="Brokers"
        aside={<span className="font-mono text-xs text-slate-500">cluster id {kafka.clusterId}</span>}
        testId="brokers-card"
      >
        <Table
          columns={brokerColumns}
          rows={kafka.brokers}
          rowKey={(b) => String(b.nodeId)}
          frame={false}
          testId="brokers-table"
          rowTestId="broker-row"
        />
        {kafka.internalTopicCount > 0 ? (
          <p className="mt-3 text-xs text-slate-500">
            {plural(kafka.internalTopicCount, 'internal and registry topic')} not counted above.
          </p>
        ) : null}
      </Card>
    </div>
  );
}

function RegistrySection({ registry }: { registry: ClusterOverview['registry'] }) {
  if (registry.status === 'not-configured') {
    return (
      <Card title="Schema registry" testId="registry-card">
        <p className="text-sm text-slate-600">
          No schema registry is configured for this cluster; messages are decoded as JSON, text or bytes.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Schema registry"
      testId="registry-card"
      aside={
        registry.status === 'up' ? (
          <Badge tone="good" testId="registry-status">
            reachable
          </Badge>
        ) : (
          <Badge tone="bad" testId="registry-status">
            unreachable
          </Badge>
        )
      }
    >
      <div className="mb-3 break-all font-mono text-xs text-slate-500">{registry.url}</div>
      {registry.status === 'up' ? (
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <Stat
            variant="inline"
            label="Subjects"
            value={formatCount(registry.subjectCount)}
            testId="registry-subjects"
          />
          <Stat variant="inline" label="Answered in" value={formatElapsed(registry.latencyMs)} />
        </dl>
      ) : (
        <ErrorPanel
          title="The schema registry is unreachable"
          message={registry.problem.message}
          code={registry.problem.code}
          testId="registry-error"
        />
      )}
    </Card>
  );
}

export function ClusterOverviewView({ clusterId }: { clusterId: string }) {
  const overview = useClusterOverview(clusterId);

  return (
    <Page>
      <PageHeader
        eyebrow="Cluster"
        title={overview.data?.cluster.name ?? clusterId}
        titleTestId="cluster-name"
        description={
          overview.data ? (
            <span className="font-mono text-xs text-slate-500">
              {overview.data.cluster.bootstrapServers.join(', ')}
            </span>
          ) : null
        }
        actions={
          <>
            {overview.data?.cluster.readOnly ? <Badge tone="warn">read-only</Badge> : null}
            {overview.data?.kafka.status === 'up' ? (
              <Badge tone="good" testId="kafka-status">
                Kafka up
              </Badge>
            ) : null}
            {overview.data?.kafka.status === 'down' ? (
              <Badge tone="bad" testId="kafka-status">
                Kafka down
              </Badge>
            ) : null}
          </>
        }
      />

      {overview.isPending ? (
        <StatList placeholders={4} />
      ) : overview.isError ? (
        <ErrorPanel title="The cluster could not be shown" error={overview.error} testId="overview-error" />
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <KafkaSection kafka={overview.data.kafka} />
          </div>
          <RegistrySection registry={overview.data.registry} />
        </div>
      )}
    </Page>
  );
}
