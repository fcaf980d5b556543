import { route } from '@/lib/http/handler';
import { getProduceOptions } from '@/lib/produce/get-produce-options';
import { topicParams } from '@/lib/schemas/topics';
import { produceOptionsQuery } from '@/lib/schemas/produce';

export const dynamic = 'force-dynamic';

export const GET = route({
  params: topicParams,
  query: produceOptionsQuery,
  run: ({ cluster, params, query }) => getProduceOptions(cluster, params.topic, query),
});
