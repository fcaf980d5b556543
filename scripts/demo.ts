/**
 * `npm run demo`: the local stack, the demo data (once), a production build of the console,
 * and the console itself on http://localhost:3000. Ctrl-C stops the console; the stack keeps
 * running until `npm run stack -- down`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PORT ?? 3000);
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

function buildIsStale(): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public'].filter((d) => existsSync(path.join(root, d)));
  return sources.some((d) => newestSource(path.join(root, d)) > built);
}

function step(label: string, args: string[]): void {
  console.log(`\n> ${label}`);
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (res.status !== 0) {
    console.error(`\n${label} failed; see the output above.`);
    process.exit(res.status ?? 1);
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  step('starting the local Kafka and schema registry', ['scripts/stack.mjs', 'up']);
  step('seeding the demo data (skipped when already there)', [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/seed.ts']);
  if (buildIsStale()) step('building the console', [nextBin, 'build']);
  else console.log('\n> the console build is up to date');

  console.log(`\n> starting the console on port ${port}`);
  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));

  if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, 60_000)) {
    console.log(`\nThe console is up: http://localhost:${port}\n(Ctrl-C stops it; \`npm run stack -- down\` stops Kafka and the registry.)\n`);
  } else {
    console.error(`\nthe console did not answer on port ${port} within 60 s`);
  }
}

void main();
