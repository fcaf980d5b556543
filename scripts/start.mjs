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
// --max-semi-space-size: a 2 MB young generation (V8 grows it to 16 MB or more under a scan's garbage): the peak RSS of a
// filtered scan fell from about 415 MB to 330 MB, at the same rate, as measured on the bench topic.
const child = spawn(
  process.execPath,
  ['--max-semi-space-size=2', '--import', guard, nextBin, 'start', '-H', host, ...rest],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      // glibc raises its mmap threshold to the size of the largest block freed so far, and then
      // serves the scans' Fetch answers and decompressed batches (128 KB to 1 MB) from its heap,
      // which keeps their peak resident. Held at the default 128 KB, they are unmapped when freed:
      // the bench's peak fell by about 20 MB, at the same scan rate.
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
      CONSOLE_BIND_HOST: host,
    },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
