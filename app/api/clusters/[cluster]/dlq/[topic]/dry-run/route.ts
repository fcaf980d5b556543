import { dryRunRedrive } from '@/lib/dlq/dry-run-redrive';
import { route } from '@/lib/http/handler';
import { dryRunBodySchema } from '@/lib/schemas/dlq';
import { topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

// A POST because the selection can list thousands of messages; it reads only.
export const POST = route({
  params: topicParams,
  body: dryRunBodySchema,
  write: false,
  run: ({ cluster, params, body, request }) => dryRunRedrive(cluster, params.topic, body, request.signal),
});
