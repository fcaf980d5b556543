import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { assertTopicWritable } from '@/lib/topics/assert-topic-writable';
import { produceBatch } from '@/lib/kafka/producer';
import type { Produced } from '@/lib/schemas/produce';
import { prepareMessage, type ProduceRequest } from './prepare-message';
import { discardProducer, pooledProducer } from './producer-pool';

/**
 * Produces one message: refused on a read-only cluster, refused with every field error when the
 * value does not match its schema (nothing is sent then), audited with where it went but never
 * with the value itself.
 */
export async function produceMessage(
  cluster: ClusterConfig,
  topic: string,
  input: ProduceRequest,
): Promise<Produced> {
  assertWritable(cluster);
  assertTopicWritable(cluster, topic);
  const prepared = await prepareMessage(cluster, topic, input);
  if (!prepared.ok) {
    const list = prepared.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    throw new AppError('BAD_REQUEST', `nothing was sent, the value is not valid: ${list}`);
  }
  const timestamp = Date.now();
  const producer = pooledProducer(cluster);
  let sent;
  try {
    [sent] = await produceBatch(producer, [{ ...prepared.record, timestamp }], {
      compression: input.compression ?? 'none',
    });
  } catch (error) {
    await discardProducer(cluster, producer);
    throw error;
  }
  if (!sent) throw new AppError('INTERNAL', 'the broker acknowledged no record');
  const { summary } = prepared;
  const where = `partition ${sent.partition} at offset ${sent.offset}`;
  await recordAudit(cluster, {
    action: 'produce',
    target: topic,
    details: {
      partition: sent.partition,
      offset: sent.offset.toString(),
      key: summary.key,
      headers: summary.headers.map((h) => h.name),
      encoding: summary.encoding,
      valueSize: summary.valueSize,
      schemaId: summary.schema?.id ?? null,
      subject: summary.schema?.subject ?? null,
      version: summary.schema?.version ?? null,
    },
  }).catch((error: unknown) => {
    // Sent but not recorded: say both, so that nobody sends it again thinking it failed.
    throw new AppError(
      'INTERNAL',
      `the message was sent to ${where}, but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return { ...summary, partition: sent.partition, offset: sent.offset.toString(), timestamp };
}
