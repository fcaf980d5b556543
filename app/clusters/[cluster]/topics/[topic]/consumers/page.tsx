import { TopicConsumers } from '@/components/topics/topic-consumers';

export default async function TopicConsumersPage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return <TopicConsumers clusterId={cluster} topic={decodeURIComponent(topic)} />;
}
