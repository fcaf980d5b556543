import { isLoopbackHost } from '@/lib/auth/request-guards';
import { loadConfig } from '@/lib/config/load';

/**
 * Without sign-in, anyone who can reach the console may write to the clusters it manages, so it
 * is a tool for this machine only: on any address other than loopback it refuses to start.
 * `CONSOLE_BIND_HOST` is set by `npm start` (scripts/start.mjs) to the address it listens on; a
 * plain `next start` is read from its command line.
 */
export function bindingRefusal(
  bindHost: string | undefined,
  authMode: 'none' | 'users' | 'oidc',
): string | null {
  if (authMode !== 'none' || bindHost === undefined) return null;
  const host = bindHost.startsWith('[') ? bindHost : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  if (isLoopbackHost(host.toLowerCase())) return null;
  return `refusing to listen on ${bindHost} without sign-in: anyone who can reach it could write to your clusters. Configure "auth" (see README, Sign-in and roles) or listen on 127.0.0.1.`;
}

/**
 * The address the server listens on: as `npm start` says, else from a `next start` command line
 * in this process (without -H, Next.js listens on every interface), else unknown (a development
 * server's worker process, whose command line does not say).
 */
export function bindHostOf(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): string | undefined {
  if (env.CONSOLE_BIND_HOST) return env.CONSOLE_BIND_HOST;
  const next = argv.findIndex((a) => /[\\/]next([\\/]dist[\\/]bin[\\/]next)?$/.test(a));
  if (next < 0 || argv[next + 1] !== 'start') return undefined;
  const flag = argv.findIndex((a, i) => i > next && (a === '-H' || a === '--hostname'));
  return flag > 0 ? argv[flag + 1] : '0.0.0.0';
}

/** Called once when the server starts (instrumentation.ts). */
export function checkStartup(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): void {
  let mode: 'none' | 'users' | 'oidc';
  try {
    mode = loadConfig(env).auth.mode;
  } catch {
    // An invalid configuration is reported on every request, in words; nothing to add here.
    return;
  }
  const refusal = bindingRefusal(bindHostOf(env, argv), mode);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
}
