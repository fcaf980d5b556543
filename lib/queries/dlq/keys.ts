import type { DeadLetterSelection } from '@/lib/schemas/dlq';

/** Query keys of dead letters: `['clusters', cluster, 'dlq', …]`. */
export const dlqKeys = {
  all: (cluster: string) => ['clusters', cluster, 'dlq'] as const,
  topics: (cluster: string) => [...dlqKeys.all(cluster), 'topics'] as const,
  allJobs: (cluster: string) => [...dlqKeys.all(cluster), 'all-jobs'] as const,
  topic: (cluster: string, topic: string) => [...dlqKeys.all(cluster), 'topic', topic] as const,
  triage: (cluster: string, topic: string) => [...dlqKeys.topic(cluster, topic), 'triage'] as const,
  messages: (cluster: string, topic: string, selection: DeadLetterSelection, limit: number) =>
    [...dlqKeys.topic(cluster, topic), 'messages', selection, limit] as const,
  blockedKeys: (cluster: string, topic: string) =>
    [...dlqKeys.topic(cluster, topic), 'blocked-keys'] as const,
  jobs: (cluster: string, topic: string) => [...dlqKeys.topic(cluster, topic), 'jobs'] as const,
};
