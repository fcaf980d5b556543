import { route } from '@/lib/http/handler';
import { produceMessage } from '@/lib/produce/produce-message';
import { topicParams } from '@/lib/schemas/topics';
import { produceBody } from '@/lib/schemas/produce';

export const dynamic = 'force-dynamic';

export const POST = route({
  write: 'operator',
  params: topicParams,
  body: produceBody,
  run: ({ cluster, params, body }) => produceMessage(cluster, params.topic, body),
});
