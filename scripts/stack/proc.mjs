// Process and port helpers: detached JVMs with pid files, and stopping only what we started.
import fs from 'node:fs';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export function readPid(pidFile) {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isZombie(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // Not Linux (or no /proc): ask ps.
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout : '';
  }
}

/** True when pid is alive and is a java process whose command line names our folder (marker). */
export function isOurs(pid, marker) {
  if (!pid || !isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd.includes('java') && cmd.includes(marker);
}

/** The pid from pidFile if that process is still ours; removes a stale pid file. */
export function livePid(pidFile, marker) {
  const pid = readPid(pidFile);
  if (pid && isOurs(pid, marker)) return pid;
  if (pid !== null) fs.rmSync(pidFile, { force: true });
  return null;
}

/** Starts a detached process with stdout+stderr appended to logFile and records its pid. */
export function spawnDetached(command, args, { cwd, logFile, pidFile, env }) {
  const out = fs.openSync(logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.on('error', () => {}); // reported by the health wait, which points at the log
    child.unref();
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}

/** SIGTERM, wait up to graceMs, then SIGKILL; only if the pid is still ours. Resolves once it is gone. */
export async function stopPid(pid, marker, graceMs = 30_000) {
  if (!isOurs(pid, marker)) return 'not-running';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'not-running';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  return 'killed';
}

/** Resolves true when nothing listens on host:port (we can bind it ourselves). */
export function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function waitFor(check, { timeoutMs, intervalMs = 500, isDead }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return 'ok';
    if (isDead?.()) return 'died';
    if (Date.now() > deadline) return 'timeout';
    await sleep(intervalMs);
  }
}

export const seconds = (startedAt) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
