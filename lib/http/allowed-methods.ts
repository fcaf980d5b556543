import type { ApiOperation } from '@/lib/schemas/api-spec';

/**
 * Which HTTP methods an API path answers, from the operation list that also generates the
 * OpenAPI document (a unit test keeps that list complete). Next.js answers a method it does
 * not know (TRACE, CONNECT, ...) with a bare error status, and a known one that a route does
 * not export with an empty 405; both should be the usual error body. Pure.
 */

/** Routes outside the OpenAPI document: the document itself and the liveness probe. */
const UNDOCUMENTED: readonly { path: string; methods: readonly string[] }[] = [
  { path: '/api/openapi.json', methods: ['GET'] },
  { path: '/api/health', methods: ['GET'] },
];

interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

function patternOf(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export function buildMethodTable(
  operations: readonly Pick<ApiOperation, 'method' | 'path'>[],
): PathMethods[] {
  const byPath = new Map<string, Set<string>>();
  const add = (path: string, method: string) => {
    let methods = byPath.get(path);
    if (!methods) byPath.set(path, (methods = new Set()));
    methods.add(method.toUpperCase());
  };
  for (const op of operations) add(op.path, op.method);
  for (const route of UNDOCUMENTED) for (const m of route.methods) add(route.path, m);
  return [...byPath].map(([path, methods]) => {
    // HEAD and OPTIONS come with GET and with every route (Next.js implements them).
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return { pattern: patternOf(path), methods };
  });
}

/**
 * The methods allowed on a path when `method` is not one of them; null when the method is
 * allowed or the path is not an API route at all (Next.js then answers 404 as usual).
 */
export function disallowedMethod(
  table: readonly PathMethods[],
  pathname: string,
  method: string,
): string[] | null {
  const allowed = new Set<string>();
  for (const entry of table) if (entry.pattern.test(pathname)) for (const m of entry.methods) allowed.add(m);
  if (allowed.size === 0 || allowed.has(method.toUpperCase())) return null;
  return [...allowed].sort();
}
