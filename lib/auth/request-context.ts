import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@/lib/auth/roles';

/**
 * Who is making the current request, for code below the route wrapper that needs it without
 * threading it through every call: the audit trail records this actor for every write.
 */
const storage = new AsyncLocalStorage<{ principal: Principal }>();

export function runAs<T>(principal: Principal, fn: () => T): T {
  return storage.run({ principal }, fn);
}

export function currentPrincipal(): Principal | undefined {
  return storage.getStore()?.principal;
}
