import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { keyIndexerFor, type IndexerStatus } from './indexer';
import { keyIndexSettings } from './store';

/** The index page's figures and its admin actions (rebuild, pause, resume), audited. */

export function keyIndexStatus(cluster: ClusterConfig): IndexerStatus {
  const settings = keyIndexSettings(cluster);
  if (!settings.enabled)
    return { cluster: cluster.id, enabled: false, state: 'off', file: null, bytesOnDisk: 0, topics: [] };
  return keyIndexerFor(cluster)!.status();
}

export async function keyIndexAction(
  cluster: ClusterConfig,
  action: 'rebuild' | 'pause' | 'resume',
  topic?: string,
): Promise<IndexerStatus> {
  const indexer = keyIndexerFor(cluster);
  if (!indexer)
    throw new AppError(
      'BAD_REQUEST',
      `the key index of cluster "${cluster.id}" is turned off (keyIndex.enabled is false)`,
    );
  if (topic !== undefined && !indexer.status().topics.some((t) => t.topic === topic))
    throw new AppError('BAD_REQUEST', `topic "${topic}" is not in the key index of cluster "${cluster.id}"`);
  if (action === 'pause') indexer.pause();
  else if (action === 'resume') indexer.resume();
  else {
    indexer.rebuild(topic);
    indexer.start();
  }
  await recordAudit(cluster, {
    action: `key-index-${action}`,
    target: topic ?? `key-index:${cluster.id}`,
    details: { topic: topic ?? null },
  });
  return indexer.status();
}
