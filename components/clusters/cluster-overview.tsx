'use client';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useClusterOverview } from '@/lib/queries/clusters/overview-query';
import type { ClusterOverview } from '@/lib/schemas/clusters';

function KafkaSection({ kafka }: { kafka: ClusterOverview['kafka'] }) {
  if (kafka.status === 'down') {
    return <ErrorPanel title="Kafka is unreachable" message={kafka.problem.message} code={kafka.problem.code} testId="kafka-error" />;
  }
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Brokers" value={kafka.brokers.length} testId="stat-brokers" />
        <Stat label="Topics" value={kafka.topicCount} testId="stat-topics" />
        <Stat label="Partitions" value={kafka.partitionCount} testId="stat-partitions" />
        <Stat label="Consumer groups" value={kafka.groupCount} testId="stat-groups" />
      </div>
      <Card title="Brokers" aside={<span className="font-mono text-xs text-slate-500">cluster id {kafka.clusterId}</span>} testId="brokers-card">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="pb-2 font-medium">Node</th>
              <th className="pb-2 font-medium">Address</th>
              <th className="pb-2 font-medium">Rack</th>
              <th className="pb-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody>
            {kafka.brokers.map((b) => (
              <tr key={b.nodeId} className="border-t border-slate-100" data-testid="broker-row">
                <td className="py-2 font-mono">{b.nodeId}</td>
                <td className="py-2 font-mono">
                  {b.host}:{b.port}
                </td>
                <td className="py-2 text-slate-500">{b.rack ?? '—'}</td>
                <td className="py-2">{b.isController ? <Badge tone="info" testId="controller-badge">controller</Badge> : <span className="text-slate-400">broker</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {kafka.internalTopicCount > 0 ? (
          <p className="mt-3 text-xs text-slate-500">
            {kafka.internalTopicCount} internal and registry topic{kafka.internalTopicCount === 1 ? "" : "s"} not counted above.
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
        <p className="text-sm text-slate-600">No schema registry is configured for this cluster; messages are decoded as JSON, text or bytes.</p>
      </Card>
    );
  }
  return (
    <Card
      title="Schema registry"
      testId="registry-card"
      aside={registry.status === 'up' ? <Badge tone="good" testId="registry-status">reachable</Badge> : <Badge tone="bad" testId="registry-status">unreachable</Badge>}
    >
      <div className="mb-3 break-all font-mono text-xs text-slate-500">{registry.url}</div>
      {registry.status === 'up' ? (
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Subjects</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="registry-subjects">
              {registry.subjectCount}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Answered in</dt>
            <dd className="text-xl font-semibold tabular-nums">{registry.latencyMs} ms</dd>
          </div>
        </dl>
      ) : (
        <ErrorPanel title="The schema registry is unreachable" message={registry.problem.message} code={registry.problem.code} testId="registry-error" />
      )}
    </Card>
  );
}

export function ClusterOverviewView({ clusterId }: { clusterId: string }) {
  const overview = useClusterOverview(clusterId);

  return (
    <div className="mx-auto max-w-6xl space-y-6 p-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Cluster</div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="cluster-name">
            {overview.data?.cluster.name ?? clusterId}
          </h1>
          {overview.data ? <div className="mt-1 font-mono text-xs text-slate-500">{overview.data.cluster.bootstrapServers.join(', ')}</div> : null}
        </div>
        <div className="flex gap-2">
          {overview.data?.cluster.readOnly ? <Badge tone="warn">read-only</Badge> : null}
          {overview.data?.kafka.status === 'up' ? <Badge tone="good" testId="kafka-status">Kafka up</Badge> : null}
          {overview.data?.kafka.status === 'down' ? <Badge tone="bad" testId="kafka-status">Kafka down</Badge> : null}
        </div>
      </header>

      {overview.isPending ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
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
    </div>
  );
}
