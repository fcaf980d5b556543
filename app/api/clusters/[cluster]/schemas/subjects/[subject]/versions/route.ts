import { route } from '@/lib/http/handler';
import { registerSchema } from '@/lib/schema-review/register-schema';
import { registerBody, subjectParams } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const POST = route({
  write: 'operator',
  params: subjectParams,
  body: registerBody,
  run: ({ cluster, params, body }) => registerSchema(cluster, params.subject, body),
});
