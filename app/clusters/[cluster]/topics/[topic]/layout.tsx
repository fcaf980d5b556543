import type { ReactNode } from 'react';
import { TopicShell } from '@/components/topics/topic-shell';

/** Every topic page (partitions, messages, configuration, consumers, produce) shares the header and tabs. */
export default async function TopicLayout({
  params,
  children,
}: {
  params: Promise<{ cluster: string; topic: string }>;
  children: ReactNode;
}) {
  const { cluster, topic } = await params;
  return (
    <TopicShell clusterId={cluster} topic={decodeURIComponent(topic)}>
      {children}
    </TopicShell>
  );
}
