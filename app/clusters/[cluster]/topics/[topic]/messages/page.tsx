import { Suspense } from 'react';
import { MessageBrowser } from '@/components/messages/message-browser';

export default async function TopicMessagesPage({
  params,
}: {
  params: Promise<{ cluster: string; topic: string }>;
}) {
  const { cluster, topic } = await params;
  return (
    <Suspense>
      <MessageBrowser clusterId={cluster} topic={decodeURIComponent(topic)} />
    </Suspense>
  );
}
