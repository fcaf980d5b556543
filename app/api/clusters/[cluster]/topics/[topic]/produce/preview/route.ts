import { route } from '@/lib/http/handler';
import { previewMessage } from '@/lib/produce/preview-message';
import { produceBody, topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const POST = route({
  params: topicParams,
  body: produceBody,
  run: ({ params, body }) => previewMessage(params.cluster, params.topic, body),
});
