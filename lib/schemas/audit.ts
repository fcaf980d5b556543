import { z } from 'zod';
import { defineOperations } from '@/lib/schemas/api-spec';
import { clusterIdParams } from './clusters';

/** Shared by routes and pages: the audit trail of one cluster, read from its `_console-audit` topic. */

export const auditQuerySchema = z.object({
  /** How many of the newest entries to read before filtering. */
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Text anywhere in the target or the details. */
  q: z.string().max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  offset: z.string(),
  at: z.string().describe('ISO 8601 time of the write'),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema).describe('Newest first'),
  /** How many entries were read (the newest `limit`), before filtering. */
  scanned: z.number(),
  /** Total entries in the trail. */
  total: z.string(),
  actions: z.array(z.string()).describe('The actions seen in what was read, for the filter'),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters/{cluster}/audit',
    tag: 'audit',
    summary: 'Who did what, when: the newest entries of the audit trail, filtered by actor, action or text',
    params: clusterIdParams,
    query: auditQuerySchema,
    response: auditPageSchema,
    errors: ['UNKNOWN_CLUSTER', 'BROKER_UNAVAILABLE'],
  },
]);
