import { streamRoute } from '@/lib/http/handler';
import { scanSchemaUsage } from '@/lib/schema-review/scan-schema-usage';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { schemaUsageQuery } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const GET = streamRoute({
  params: clusterIdParams,
  query: schemaUsageQuery,
  run: ({ cluster, query, signal }) => scanSchemaUsage(cluster, query, signal),
});
