import { randomUUID } from 'node:crypto';
import { loadConfig } from '@/lib/config/load';
import type { ClusterConfig } from '@/lib/config/schema';

/** The local demo cluster from console.config.json, as the console itself would read it. */
export function localCluster(): ClusterConfig {
  const cluster = loadConfig({ ...process.env, CONSOLE_CONFIG: 'console.config.json' }).clusters.find(
    (c) => c.id === 'local',
  );
  if (!cluster) throw new Error('console.config.json has no cluster "local"');
  return cluster;
}

/** A cluster pointing at ports where nothing listens, for the error paths. */
export function unreachableCluster(): ClusterConfig {
  return {
    ...localCluster(),
    id: 'unreachable',
    bootstrapServers: ['127.0.0.1:9'],
    requestTimeoutMs: 2000,
    registry: { url: 'http://127.0.0.1:9/apis/ccompat/v7', timeoutMs: 2000 },
  };
}

/** Each test works on its own topics and subjects, so tests never see each other's data. */
export function uniqueName(prefix: string): string {
  return `it-${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Waits until `ready()` holds, checking every 20 ms; fails the test if it does not within `ms`. */
export async function waitFor(ready: () => boolean, ms: number, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
