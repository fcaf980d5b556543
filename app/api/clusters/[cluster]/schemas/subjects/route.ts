import { route } from '@/lib/http/handler';
import { listSubjects } from '@/lib/schema-review/list-subjects';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { subjectListQuery } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: clusterIdParams,
  query: subjectListQuery,
  run: ({ cluster, query }) => listSubjects(cluster, query),
});
