import type { ApiOperation } from '@/lib/http/api-spec';
import { clusterOperations } from '@/lib/schemas/clusters';

/** Every API operation, domain by domain. A new route adds its domain's list here. */
export const allOperations: ApiOperation[] = [...clusterOperations];
