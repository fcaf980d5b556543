import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import type { ProducePreview } from '@/lib/schemas/produce';
import { prepareMessage, type ProduceRequest } from './prepare-message';

/**
 * Encodes the message without sending it: the field errors, or the summary the confirm step
 * shows. A read, so it works on read-only clusters too (and says they are read-only).
 */
export async function previewMessage(
  cluster: ClusterConfig,
  topic: string,
  input: ProduceRequest,
): Promise<ProducePreview> {
  const prepared = await prepareMessage(cluster, topic, input);
  if (!prepared.ok) return { valid: false, errors: prepared.errors, readOnly: cluster.readOnly };
  return { valid: true, summary: prepared.summary, readOnly: cluster.readOnly };
}
