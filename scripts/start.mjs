#!/usr/bin/env node
/**
 * `npm start`: the production server on 127.0.0.1 unless told otherwise (CONSOLE_HOST, or
 * `npm start -- -H <address>`), with the chosen address passed on so that the console can refuse
 * a non-loopback address while sign-in is off (lib/auth/startup-check.ts).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');

const args = process.argv.slice(2);
let host = process.env.CONSOLE_HOST ?? '127.0.0.1';
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-H' || args[i] === '--hostname') host = args[++i] ?? host;
  else rest.push(args[i]);
}

// The guard answers TRACE, which Next.js cannot (scripts/http-method-guard.mjs).
const guard = new URL('./http-method-guard.mjs', import.meta.url).href;
const child = spawn(process.execPath, ['--import', guard, nextBin, 'start', '-H', host, ...rest], { stdio: 'inherit', env: { ...process.env, CONSOLE_BIND_HOST: host } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
