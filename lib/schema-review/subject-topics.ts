import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { toErrorBody } from '@/lib/errors/app-error';
import { existingTopicPartitionCounts } from '@/lib/kafka/list-offsets';

export interface SubjectTopic {
  topic: string;
  role: 'key' | 'value';
}

/** The topic a subject names under TopicNameStrategy (`<topic>-value`, `<topic>-key`), if any. */
export function topicNameStrategyTopic(subject: string): SubjectTopic | null {
  const match = /^(.+)-(key|value)$/.exec(subject);
  return match ? { topic: match[1]!, role: match[2] as 'key' | 'value' } : null;
}

/**
 * The existing topics of each subject by TopicNameStrategy. Kafka being down leaves every
 * subject without topics and says why, rather than failing the registry's answer.
 */
export async function topicsOfSubjects(
  cluster: ClusterConfig,
  subjects: readonly string[],
): Promise<{ bySubject: Map<string, SubjectTopic[]>; problem?: { code: string; message: string } }> {
  const candidates = new Map(subjects.map((s) => [s, topicNameStrategyTopic(s)] as const));
  const names = [...candidates.values()].filter((c): c is SubjectTopic => c !== null).map((c) => c.topic);
  const bySubject = new Map<string, SubjectTopic[]>(subjects.map((s) => [s, []]));
  try {
    const existing = await existingTopicPartitionCounts(cluster, names);
    for (const [subject, candidate] of candidates)
      if (candidate && existing.has(candidate.topic)) bySubject.set(subject, [candidate]);
    return { bySubject };
  } catch (error) {
    return { bySubject, problem: toErrorBody(error).body.error };
  }
}
