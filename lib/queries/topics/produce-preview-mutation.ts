'use client';
import { useMutation } from '@tanstack/react-query';
import type { ProduceInput, ProducePreview } from '@/lib/schemas/produce';
import { clusterApi, fetchJson, postJson } from '../fetch-json';

/** Encodes a message as it would be sent, without sending it: the review before the confirmation. */
export const previewProduce = (cluster: string, topic: string, body: ProduceInput) =>
  fetchJson<ProducePreview>(clusterApi(cluster, 'topics', topic, 'produce', 'preview'), postJson(body));

export function usePreviewProduce(cluster: string, topic: string) {
  return useMutation({ mutationFn: (body: ProduceInput) => previewProduce(cluster, topic, body) });
}
