import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Starts the local Kafka and registry if they are not running (reusing them if they are) and
 * seeds the demo data once. Shared by the integration and end-to-end global setups.
 * Returns whether this call started the stack, so the caller can stop it again.
 */
export async function prepareStack(): Promise<{
  startedNow: boolean;
  bootstrapServers: string[];
  registryUrl: string;
}> {
  const root = path.resolve(__dirname, '..');
  // The stack script is plain ESM so that it runs before any dependency is installed.
  const stack = (await import(path.join(root, 'scripts/stack/index.mjs'))) as {
    ensureStackUp: (o?: {
      quiet?: boolean;
    }) => Promise<{ startedNow: boolean; bootstrapServers: string[]; registryUrl: string }>;
  };
  const info = await stack.ensureStackUp({ quiet: false });
  // SKIP_SEED=1 saves a few seconds when iterating on tests that make their own topics.
  if (process.env.SKIP_SEED === '1') return info;
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/seed.ts'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CONSOLE_CONFIG: path.join(root, 'console.config.json') },
    },
  );
  return info;
}

export async function stopStackIfStarted(startedNow: boolean): Promise<void> {
  if (!startedNow || process.env.KEEP_STACK === '1') return;
  const root = path.resolve(__dirname, '..');
  const stack = (await import(path.join(root, 'scripts/stack/index.mjs'))) as {
    stopStack: () => Promise<void>;
  };
  await stack.stopStack();
}
