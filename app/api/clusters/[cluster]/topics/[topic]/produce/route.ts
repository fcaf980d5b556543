import { route } from '@/lib/http/handler';
import { produceMessage } from '@/lib/produce/produce-message';
import { produceBody, topicParams } from '@/lib/schemas/topics';

export const dynamic = 'force-dynamic';

export const POST = route({
  write: 'operator',
  params: topicParams,
  body: produceBody,
  run: ({ cluster, params, body }) => produceMessage(cluster, params.topic, body),
});
