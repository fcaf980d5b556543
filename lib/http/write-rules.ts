import 'server-only';
import { hasRole, roleOn, type Principal } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import type { Role } from '@/lib/config/auth-schema';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { crossSiteRefusal, hostRefusal, isJsonContentType } from '@/lib/auth/request-guards';

/**
 * The rules every write obeys, in one place. The route wrapper applies them to each route that
 * declares `write`, with `assertTopicWritable` of `lib/topics/internal-topics` for a topic in
 * the path; domain code that writes somewhere a route cannot see (a redrive's target topic in
 * the body) calls that for it.
 */

/** Host allow-list and cross-site checks for a request that may change something. */
export function assertSameOriginWrite(request: Request): void {
  const host = request.headers.get('host');
  const hostProblem = hostRefusal(host, getConfig().allowedHosts);
  if (hostProblem) throw new AppError('FORBIDDEN_HOST', hostProblem);
  const crossSite = crossSiteRefusal(request.headers, host);
  if (crossSite) throw new AppError('CROSS_SITE', crossSite);
}

/** A JSON body must say it is JSON: a text/plain or form body is what a cross-site form sends. */
export function assertJsonBody(request: Request): void {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the request body as JSON, with Content-Type: application/json',
    );
  }
}

export function assertRole(principal: Principal, cluster: ClusterConfig | undefined, needed: Role): void {
  if (hasRole(principal, cluster?.id, needed)) return;
  const where = cluster ? ` on cluster "${cluster.id}"` : '';
  throw new AppError(
    'FORBIDDEN',
    `${principal.name} is ${roleOn(principal, cluster?.id)}${where}; this needs ${needed}`,
  );
}

/** Refuses every write on a cluster configured read-only. */
export function assertClusterWritable(cluster: ClusterConfig): void {
  if (cluster.readOnly)
    throw new AppError('READ_ONLY', `cluster "${cluster.id}" is read-only: the console does not write to it`);
}
