/**
 * Building and starting the production console from scripts (demo, bench): build only when a
 * source is newer than the last build, start `next start`, wait for /api/health.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsStale(distDir = process.env.NEXT_DIST_DIR ?? '.next'): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public'].filter((d) => existsSync(path.join(root, d)));
  return sources.some((d) => newestSource(path.join(root, d)) > built);
}

/** Runs a Node script to completion with inherited output; exits the process if it fails. */
export function runStep(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n> ${label}`);
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`\n${label} failed; see the output above.`);
    process.exit(res.status ?? 1);
  }
}

export function buildConsoleIfStale(): void {
  if (buildIsStale()) runStep('building the console', [nextBin, 'build']);
  else console.log('\n> the console build is up to date');
}

// A 2 MB young generation (V8 grows it to 16 MB or more under a scan's garbage): the peak RSS of a
// filtered scan fell from about 415 MB to 330 MB, at the same rate, as measured on the bench topic.
export function startConsole(port: number, env: Record<string, string> = {}, quiet = false): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--max-semi-space-size=2',
      // Node flags for the server alone, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
      // to profile it (NODE_OPTIONS would reach every process, and refuses --cpu-prof).
      ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      nextBin,
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: root,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
      // glibc's threshold held at its default, as `npm start` does (scripts/start.mjs says why).
      env: {
        ...process.env,
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
    },
  );
}

export async function waitForHealth(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}
