import { route } from '@/lib/http/handler';
import { previewMessage } from '@/lib/produce/preview-message';
import { topicParams } from '@/lib/schemas/topics';
import { produceBody } from '@/lib/schemas/produce';

export const dynamic = 'force-dynamic';

/** A POST because the value travels in the body; it sends nothing. */
export const POST = route({
  write: false,
  params: topicParams,
  body: produceBody,
  run: ({ cluster, params, body }) => previewMessage(cluster, params.topic, body),
});
