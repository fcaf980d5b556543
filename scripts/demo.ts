/**
 * `npm run demo`: the local stack, the demo data (once), a production build of the console,
 * and the console itself on http://localhost:3000. Ctrl-C stops the console; the stack keeps
 * running until `npm run stack -- down`.
 */
import path from 'node:path';
import { buildConsoleIfStale, root, runStep, startConsole, waitForHealth } from './lib/console-server';

const port = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  runStep('starting the local Kafka and schema registry', ['scripts/stack.mjs', 'up']);
  runStep('seeding the demo data (skipped when already there)', [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'),
    '--conditions=react-server',
    'scripts/seed.ts',
  ]);
  buildConsoleIfStale();

  console.log(`\n> starting the console on port ${port}`);
  const server = startConsole(port);
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));

  if (await waitForHealth(port, 60_000)) {
    console.log(
      `\nThe console is up: http://localhost:${port}\n(Ctrl-C stops it; \`npm run stack -- down\` stops Kafka and the registry.)\n`,
    );
  } else {
    console.error(`\nthe console did not answer on port ${port} within 60 s`);
  }
}

void main();
