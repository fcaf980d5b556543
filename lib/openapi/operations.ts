import type { ApiOperation } from '@/lib/schemas/api-spec';
import { auditOperations } from '@/lib/schemas/audit';
import { authOperations } from '@/lib/schemas/auth';
import { clusterOperations } from '@/lib/schemas/clusters';
import { dlqOperations } from '@/lib/schemas/dlq';
import { groupOperations } from '@/lib/schemas/groups';
import { keyIndexOperations } from '@/lib/schemas/keyindex';
import { messageOperations } from '@/lib/schemas/messages';
import { produceOperations } from '@/lib/schemas/produce';
import { subjectOperations } from '@/lib/schemas/subjects';
import { timetravelOperations } from '@/lib/schemas/timetravel';
import { topicOperations } from '@/lib/schemas/topics';

/** Every API operation, domain by domain. A new route adds its domain's list here. */
export const allOperations: ApiOperation[] = [
  ...auditOperations,
  ...authOperations,
  ...clusterOperations,
  ...dlqOperations,
  ...groupOperations,
  ...keyIndexOperations,
  ...messageOperations,
  ...produceOperations,
  ...subjectOperations,
  ...timetravelOperations,
  ...topicOperations,
];
