import { DeadLetterTopicList } from '@/components/dlq/dead-letter-topic-list';

export default async function DeadLettersPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <DeadLetterTopicList clusterId={cluster} />;
}
