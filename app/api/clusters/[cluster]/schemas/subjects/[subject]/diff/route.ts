import { route } from '@/lib/http/handler';
import { diffSubjectVersions } from '@/lib/schema-review/diff-subject-versions';
import { subjectDiffQuery, subjectParams } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: subjectParams,
  query: subjectDiffQuery,
  run: ({ cluster, params, query }) => diffSubjectVersions(cluster, params.subject, query),
});
