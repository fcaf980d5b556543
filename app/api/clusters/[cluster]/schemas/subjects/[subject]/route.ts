import { route } from '@/lib/http/handler';
import { getSubject } from '@/lib/schema-review/get-subject';
import { subjectParams } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: subjectParams,
  run: ({ cluster, params }) => getSubject(cluster, params.subject),
});
