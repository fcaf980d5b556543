'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatedTopic,
  CreateTopicInput,
  ProduceInput,
  ProduceOptions,
  ProducePreview,
  Produced,
  TopicConfig,
  TopicConsumers,
  TopicDetail,
  TopicList,
} from '@/lib/schemas/topics';
import { fetchJson } from './fetch-json';

export const topicKeys = {
  all: (cluster: string) => ['clusters', cluster, 'topics'] as const,
  list: (cluster: string, filters: { internal: boolean }) => [...topicKeys.all(cluster), 'list', filters] as const,
  topic: (cluster: string, topic: string) => [...topicKeys.all(cluster), 'topic', topic] as const,
  detail: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'detail'] as const,
  config: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'config'] as const,
  consumers: (cluster: string, topic: string) => [...topicKeys.topic(cluster, topic), 'consumers'] as const,
  produceOptions: (cluster: string, topic: string, subject: string | undefined, version: string | undefined) =>
    [...topicKeys.topic(cluster, topic), 'produce-options', { subject, version }] as const,
};

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/topics`;
const topicUrl = (cluster: string, topic: string) => `${base(cluster)}/${encodeURIComponent(topic)}`;
const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The whole list (search is applied in the browser, instantly); internal topics on request. */
export const fetchTopics = (cluster: string, filters: { internal: boolean }) => fetchJson<TopicList>(`${base(cluster)}${filters.internal ? '?internal=true' : ''}`);
export const fetchTopic = (cluster: string, topic: string) => fetchJson<TopicDetail>(topicUrl(cluster, topic));
export const fetchTopicConfig = (cluster: string, topic: string) => fetchJson<TopicConfig>(`${topicUrl(cluster, topic)}/config`);
export const fetchTopicConsumers = (cluster: string, topic: string) => fetchJson<TopicConsumers>(`${topicUrl(cluster, topic)}/consumers`);
export const createTopic = (cluster: string, body: CreateTopicInput) => fetchJson<CreatedTopic>(base(cluster), postJson(body));
export const fetchProduceOptions = (cluster: string, topic: string, subject?: string, version?: string) => {
  const params = new URLSearchParams();
  if (subject) params.set('subject', subject);
  if (version) params.set('version', version);
  const qs = params.toString();
  return fetchJson<ProduceOptions>(`${topicUrl(cluster, topic)}/produce/options${qs ? `?${qs}` : ''}`);
};
export const previewProduce = (cluster: string, topic: string, body: ProduceInput) => fetchJson<ProducePreview>(`${topicUrl(cluster, topic)}/produce/preview`, postJson(body));
export const produce = (cluster: string, topic: string, body: ProduceInput) => fetchJson<Produced>(`${topicUrl(cluster, topic)}/produce`, postJson(body));

export function useTopics(cluster: string, filters: { internal: boolean }) {
  return useQuery({ queryKey: topicKeys.list(cluster, filters), queryFn: () => fetchTopics(cluster, filters), refetchInterval: 30_000, placeholderData: keepPreviousData });
}

export function useTopic(cluster: string, topic: string) {
  return useQuery({ queryKey: topicKeys.detail(cluster, topic), queryFn: () => fetchTopic(cluster, topic), refetchInterval: 15_000 });
}

export function useTopicConfig(cluster: string, topic: string) {
  return useQuery({ queryKey: topicKeys.config(cluster, topic), queryFn: () => fetchTopicConfig(cluster, topic) });
}

/** Lag moves: polled while the tab is open. */
export function useTopicConsumers(cluster: string, topic: string) {
  return useQuery({ queryKey: topicKeys.consumers(cluster, topic), queryFn: () => fetchTopicConsumers(cluster, topic), refetchInterval: 10_000 });
}

export function useProduceOptions(cluster: string, topic: string, subject?: string, version?: string) {
  return useQuery({
    queryKey: topicKeys.produceOptions(cluster, topic, subject, version),
    queryFn: () => fetchProduceOptions(cluster, topic, subject, version),
    placeholderData: keepPreviousData,
  });
}

export function useCreateTopic(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTopicInput) => createTopic(cluster, body),
    onSuccess: () => client.invalidateQueries({ queryKey: topicKeys.all(cluster) }),
  });
}

export function usePreviewProduce(cluster: string, topic: string) {
  return useMutation({ mutationFn: (body: ProduceInput) => previewProduce(cluster, topic, body) });
}

export function useProduce(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProduceInput) => produce(cluster, topic, body),
    onSuccess: () => client.invalidateQueries({ queryKey: topicKeys.topic(cluster, topic) }),
  });
}
