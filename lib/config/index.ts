import 'server-only';
import { loadConfig } from './load';
import type { ClusterConfig, ConsoleConfig } from './schema';
import { AppError } from '@/lib/errors/app-error';

let cached: ConsoleConfig | undefined;

/** The validated configuration, read once per process. */
export function getConfig(): ConsoleConfig {
  cached ??= loadConfig();
  return cached;
}

export function getCluster(id: string): ClusterConfig {
  const cluster = getConfig().clusters.find((c) => c.id === id);
  if (!cluster) throw new AppError('UNKNOWN_CLUSTER', `no cluster named "${id}" is configured`);
  return cluster;
}

export type { ClusterConfig, ConsoleConfig };
