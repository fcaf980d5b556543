import { route } from '@/lib/http/handler';
import { setCompatibilityLevel } from '@/lib/schema-review/set-compatibility-level';
import { compatibilityBody, subjectParams } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const PUT = route({
  write: 'admin',
  params: subjectParams,
  body: compatibilityBody,
  run: ({ cluster, params, body }) => setCompatibilityLevel(cluster, params.subject, body.level),
});
