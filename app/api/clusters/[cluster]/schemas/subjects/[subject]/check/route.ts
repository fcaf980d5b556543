import { route } from '@/lib/http/handler';
import { checkDraft } from '@/lib/schema-review/check-draft';
import { draftBody, subjectParams } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

/** A POST only because a schema does not fit in a URL: it writes nothing. */
export const POST = route({
  write: false,
  params: subjectParams,
  body: draftBody,
  run: ({ cluster, params, body }) => checkDraft(cluster, params.subject, body),
});
