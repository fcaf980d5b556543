import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { route } from '@/lib/http/handler';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { clusterIdParams } from '@/lib/schemas/clusters';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: auditQuerySchema,
  run: ({ cluster, query, request }) => listAuditEntries(cluster, query, request.signal),
});
