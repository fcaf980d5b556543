import { z } from 'zod';
import { apiErrorSchema } from './error-body';
import { roleSchema } from '@/lib/config/auth-schema';
import { defineOperations } from '@/lib/schemas/api-spec';

/** Shared by routes and pages: the shapes of the clusters API. */

export const clusterIdParams = z.object({
  cluster: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a cluster id'),
});

export const clusterSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  bootstrapServers: z.array(z.string()),
  readOnly: z.boolean(),
  hasRegistry: z.boolean(),
  /** The caller's role on this cluster, so the UI can hide what it may not do (the server refuses it regardless). */
  role: roleSchema,
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const clusterOverviewSchema = z.object({
  cluster: clusterSummarySchema,
  kafka: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('up'),
      clusterId: z.string(),
      controllerId: z.number(),
      brokers: z.array(
        z.object({
          nodeId: z.number(),
          host: z.string(),
          port: z.number(),
          rack: z.string().nullable(),
          isController: z.boolean(),
        }),
      ),
      topicCount: z.number(),
      internalTopicCount: z.number(),
      partitionCount: z.number(),
      groupCount: z.number(),
    }),
    z.object({ status: z.literal('down'), problem: apiErrorSchema }),
  ]),
  registry: z.discriminatedUnion('status', [
    z.object({ status: z.literal('up'), url: z.string(), subjectCount: z.number(), latencyMs: z.number() }),
    z.object({ status: z.literal('down'), url: z.string(), problem: apiErrorSchema }),
    z.object({ status: z.literal('not-configured') }),
  ]),
});
export type ClusterOverview = z.infer<typeof clusterOverviewSchema>;

export const clusterOperations = defineOperations([
  {
    method: 'get',
    path: '/api/clusters',
    tag: 'clusters',
    summary: 'List the configured clusters (never their credentials)',
    response: z.object({ clusters: z.array(clusterSummarySchema) }),
  },
  {
    method: 'get',
    path: '/api/clusters/{cluster}/overview',
    tag: 'clusters',
    summary: 'Brokers, controller, counts and registry reachability of one cluster',
    params: clusterIdParams,
    response: clusterOverviewSchema,
    errors: ['UNKNOWN_CLUSTER'],
  },
]);
