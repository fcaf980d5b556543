#!/usr/bin/env node
/**
 * API fuzz run: schemathesis generates requests from /api/openapi.json and sends them to the
 * production server on the real local stack. Checks: no 5xx, responses match the documented
 * schema and content type, no response over 10 s.
 *
 * Only operations that cannot write are sent: every GET except the server-sent-event streams
 * (a live tail never ends, and a scan's length depends on the topic, not on the request), and
 * the POST previews that declare `write: false` (produce preview, offset-reset preview, dead-letter
 * dry run, schema draft check). Nothing here writes to Kafka or the registry.
 *
 * schemathesis is installed, pinned, into a virtualenv outside the checkout (created when missing,
 * so a clean clone works): inside it, the build's CSS scanner would follow the virtualenv's link to
 * the system Python and refuse it as outside the project.
 *
 * Uses the build in NEXT_DIST_DIR (default .next, the one the end-to-end step made) or builds it.
 * Two passes: one with generated names for topics, subjects and groups (mostly "unknown" answers,
 * but every name shape reaches the code), one on names that exist (a dead-letter topic, which is
 * also a plain topic, a subject and a consumer group of the demo data), so that generated query
 * and body values reach the reading, decoding and preview code behind them.
 * Writes test-results/apifuzz.xml and apifuzz-existing.xml (JUnit, one test case per operation).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Hypothesis is pinned too: releases after this one dropped an internal that schemathesis 3 calls.
const PACKAGES = ['schemathesis==3.39.16', 'hypothesis==6.124.7'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.APIFUZZ_PORT ?? 3108);
const base = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const results = process.env.APIFUZZ_RESULTS ?? path.join(root, 'test-results');
const venv = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
  'console-apifuzz',
  PACKAGES.join('-').replaceAll('==', '-'),
);
const installed = path.join(venv, 'installed');
const python = process.env.PYTHON ?? 'python3';

function sh(command, args, env = {}) {
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

/**
 * How to run schemathesis: from the virtualenv, or, where Python cannot make one (Debian's python3
 * without python3-venv), from a `pip install --target` directory on PYTHONPATH.
 */
function ensureSchemathesis() {
  const viaVenv = { command: path.join(venv, 'bin', 'st'), args: [], env: {} };
  const viaTarget = {
    command: python,
    args: ['-m', 'schemathesis.cli'],
    env: { PYTHONPATH: path.join(venv, 'site') },
  };
  if (existsSync(installed))
    return readFileSync(installed, 'utf8').startsWith('target') ? viaTarget : viaVenv;
  console.log(`installing ${PACKAGES.join(' ')} into ${venv}`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(path.dirname(venv), { recursive: true });
  const pipArgs = ['install', '--quiet', '--disable-pip-version-check', ...PACKAGES];
  if (spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' }).status === 0) {
    sh(path.join(venv, 'bin', 'pip'), pipArgs);
    writeFileSync(installed, `venv\n${PACKAGES.join('\n')}\n`);
    return viaVenv;
  }
  console.log('python3 cannot make a virtualenv here; installing with pip --target instead');
  rmSync(venv, { recursive: true, force: true });
  sh(python, ['-m', 'pip', ...pipArgs, '--target', path.join(venv, 'site')]);
  writeFileSync(installed, `target\n${PACKAGES.join('\n')}\n`);
  return viaTarget;
}

async function waitForHealth(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`);
}

const schemathesis = ensureSchemathesis();
if (!existsSync(path.join(root, distDir, 'BUILD_ID')))
  sh(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  });

mkdirSync(results, { recursive: true });
for (const f of ['apifuzz.xml', 'apifuzz-existing.xml']) rmSync(path.join(results, f), { force: true });
const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '-p', String(port)], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
  env: {
    ...process.env,
    CONSOLE_CONFIG: 'e2e/console.e2e.json',
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

function fuzz(junitName, extra) {
  const args = [
    'run',
    `${base}/api/openapi.json`,
    '--base-url',
    base,
    // Deep paths need a cluster that exists; the e2e configuration's "local" is the real stack.
    '--set-path',
    'cluster=local',
    // Operation ids are the method and the path: every GET, and the read-only POST previews.
    '--include-operation-id-regex',
    '^get|^post.*(Preview|DryRun|Check)$',
    '--exclude-path-regex',
    '/messages/(search|tail)$|/jobs/\\{job\\}/events$|/timetravel/replay$|/schemas/usage$',
    ...extra,
    '--checks',
    'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
    '--max-response-time',
    '10000',
    '--request-timeout',
    '15000',
    '--hypothesis-derandomize',
    '--hypothesis-max-examples',
    process.env.APIFUZZ_EXAMPLES ?? '12',
    '--generation-codec',
    'ascii',
    '--workers',
    '1',
    '--junit-xml',
    path.join(results, junitName),
    '--no-color',
  ];
  const res = spawnSync(schemathesis.command, [...schemathesis.args, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...schemathesis.env, SCHEMATHESIS_TELEMETRY: 'false' },
  });
  return res.status ?? 1;
}

let status = 1;
try {
  await waitForHealth(server, 60_000);
  const generated = fuzz('apifuzz.xml', []);
  // Names from the demo data (lib/demo: dead-letters, subjects, consumer-groups), seeded before any test.
  const existing = fuzz('apifuzz-existing.xml', [
    '--include-path-regex',
    '\\{(topic|subject|group)\\}',
    '--set-path',
    'topic=orders.DLQ',
    '--set-path',
    'subject=orders-value',
    '--set-path',
    'group=orders-analytics',
  ]);
  status = generated || existing;
} catch (err) {
  console.error(`api fuzz: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  stop();
}
process.exit(status);
