import { PartitionsTable } from '@/components/topics/partitions-table';

export default async function TopicPartitionsPage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return <PartitionsTable clusterId={cluster} topic={decodeURIComponent(topic)} />;
}
