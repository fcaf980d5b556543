import { route } from '@/lib/http/handler';
import { keyIndexAction } from '@/lib/keyindex/manage-index';
import { keyIndexActionBody, keyIndexActionParams } from '@/lib/schemas/keyindex';

export const dynamic = 'force-dynamic';

export const POST = route({
  write: 'admin',
  params: keyIndexActionParams,
  body: keyIndexActionBody,
  run: ({ cluster, params, body }) => keyIndexAction(cluster, params.action, body.topic),
});
