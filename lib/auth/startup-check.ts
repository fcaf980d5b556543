import { isLoopbackHost } from '@/lib/http/request-guards';
import { loadConfig } from '@/lib/config/load';

/**
 * Without sign-in, anyone who can reach the console may write to the clusters it manages, so it
 * is a tool for this machine only: on any address other than loopback it refuses to start.
 * `CONSOLE_BIND_HOST` is set by `npm start` (scripts/start.mjs) to the address it listens on.
 */
export function bindingRefusal(bindHost: string | undefined, authMode: 'none' | 'users' | 'oidc'): string | null {
  if (authMode !== 'none' || bindHost === undefined) return null;
  const host = bindHost.startsWith('[') ? bindHost : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  if (isLoopbackHost(host.toLowerCase())) return null;
  return `refusing to listen on ${bindHost} without sign-in: anyone who can reach it could write to your clusters. Configure "auth" (see README, Sign-in and roles) or listen on 127.0.0.1.`;
}

/** Called once when the server starts (instrumentation.ts). */
export function checkStartup(env: NodeJS.ProcessEnv = process.env): void {
  let mode: 'none' | 'users' | 'oidc';
  try {
    mode = loadConfig(env).auth.mode;
  } catch {
    // An invalid configuration is reported on every request, in words; nothing to add here.
    return;
  }
  const refusal = bindingRefusal(env.CONSOLE_BIND_HOST, mode);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
}
