import { TopicConfigTable } from '@/components/topics/topic-config-table';

export default async function TopicConfigPage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return <TopicConfigTable clusterId={cluster} topic={decodeURIComponent(topic)} />;
}
