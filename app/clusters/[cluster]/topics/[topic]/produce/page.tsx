import { ProduceForm } from '@/components/produce/produce-form';

export default async function TopicProducePage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return <ProduceForm clusterId={cluster} topic={decodeURIComponent(topic)} />;
}
