import { route } from '@/lib/http/handler';
import { setCompatibilityLevel } from '@/lib/schema-review/set-compatibility-level';
import { clusterIdParams } from '@/lib/schemas/clusters';
import { compatibilityBody, compatibilityLevelSchema } from '@/lib/schemas/subjects';

export const dynamic = 'force-dynamic';

export const PUT = route({
  write: 'admin',
  params: clusterIdParams,
  body: compatibilityBody.extend({ level: compatibilityLevelSchema }),
  run: ({ cluster, body }) => setCompatibilityLevel(cluster, null, body.level),
});
