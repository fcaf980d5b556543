import 'server-only';
import { currentPrincipal } from '@/lib/auth/request-context';
import { hasRole, type Principal } from '@/lib/auth/roles';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { isInternalTopic } from './internal-topics';

/**
 * Internal topics (Kafka's, the registry's storage, the audit trail) are refused unless the
 * cluster allows such writes, and then only to admins.
 */
export function assertTopicWritable(
  cluster: ClusterConfig,
  topic: string,
  principal: Principal | undefined = currentPrincipal(),
): void {
  if (!isInternalTopic(topic)) return;
  if (cluster.allowInternalTopicWrites && principal && hasRole(principal, cluster.id, 'admin')) return;
  throw new AppError(
    'FORBIDDEN',
    `"${topic}" is an internal topic (Kafka's, the schema registry's or the console's); the console does not write to it${cluster.allowInternalTopicWrites ? ' unless an admin asks' : ''}`,
  );
}
