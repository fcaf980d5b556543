import { z } from 'zod';
import type { DecodedMessage } from '@/lib/serde/types';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';
import { decodedMessageSchema } from './messages';
import { topicName } from './topics';

/** The key index API: where the index stands, its admin actions, and find-by-key through it. */

const partitionStatusSchema = z.object({
  partition: z.number(),
  indexedUpTo: z.string().describe('every record before this offset is in the index'),
  end: z.string().describe('the end of the log when the indexer last looked'),
  lag: z.string(),
  events: z.number().describe('rows the index holds for this partition'),
  eventsPerSecond: z.number().describe('reading rate over the last 5 seconds; 0 when caught up'),
});

export const keyIndexStatusSchema = z.object({
  cluster: z.string(),
  enabled: z.boolean(),
  state: z.enum(['running', 'paused', 'stopped', 'off']),
  file: z.string().nullable(),
  bytesOnDisk: z.number(),
  topics: z.array(
    z.object({
      topic: z.string(),
      stream: z.string().nullable(),
      partitions: z.array(partitionStatusSchema),
      error: z.string().nullable(),
    }),
  ),
});

export const keyIndexActionParams = clusterIdParams.extend({
  action: z.enum(['rebuild', 'pause', 'resume']),
});
export const keyIndexActionBody = z
  .object({ topic: topicName.optional().describe('rebuild only this topic; every indexed topic otherwise') })
  .strict();

export const keyLookupQuery = z.object({
  topic: topicName,
  key: z.string().min(1).max(4000),
  after: z
    .string()
    .regex(/^\d{1,6}:\d{1,19}$/, 'a cursor is partition:offset')
    .optional()
    .describe('the nextAfter of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const keyLookupSchema = z.object({
  topic: z.string(),
  key: z.string(),
  indexed: z.boolean().describe('false when the topic is not in the index: use the scanning search'),
  messages: z.array(decodedMessageSchema).describe('by partition, then offset'),
  nextAfter: z.string().nullable(),
  total: z.number().describe('indexed messages of this key in the topic'),
  notIndexed: z.number().describe('records after the indexed position, not looked at by this lookup'),
  elapsedMs: z.number(),
});

/** One page of a key lookup, as the route answers it (messages typed as the decoder returns them). */
export interface KeyLookupPage {
  topic: string;
  key: string;
  indexed: boolean;
  messages: DecodedMessage[];
  nextAfter: string | null;
  total: number;
  notIndexed: number;
  elapsedMs: number;
}

export const keyIndexOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/key-index',
    tag: 'key-index',
    summary:
      'Where the key index stands: per topic and partition the indexed offset, the lag, the reading rate, and the size on disk',
    params: clusterIdParams,
    response: keyIndexStatusSchema,
    errors: ['UNKNOWN_CLUSTER'],
  },
  {
    method: 'post',
    path: '/api/clusters/{cluster}/key-index/{action}',
    tag: 'key-index',
    summary: 'Rebuild (forget and read again), pause or resume the key index of a cluster (admin, audited)',
    params: keyIndexActionParams,
    body: keyIndexActionBody,
    response: keyIndexStatusSchema,
    errors: ['UNKNOWN_CLUSTER', 'BAD_REQUEST', 'READ_ONLY'],
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/key-index/lookup',
    tag: 'key-index',
    summary: 'Every message of one key across a topic, through the index, a page at a time',
    params: clusterIdParams,
    query: keyLookupQuery,
    response: keyLookupSchema,
    errors: ['UNKNOWN_CLUSTER', 'UNKNOWN_TOPIC', 'BROKER_UNAVAILABLE'],
  },
]);
