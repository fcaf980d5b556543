import 'server-only';
import type { z } from 'zod';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { partitionForKey } from '@/lib/kafka/murmur2';
import type { OutgoingRecord } from '@/lib/kafka/producer';
import { describeTopicLayouts } from '@/lib/kafka/topic-partitions';
import { registryFor } from '@/lib/registry';
import type { FieldError, produceBody, ProduceSummary } from '@/lib/schemas/produce';
import { compileRegisteredAvro } from './compile-registered-schema';
import { encodeValue, type ValueEncoding } from './encode-value';

export type ProduceRequest = z.output<typeof produceBody>;

export type PreparedMessage =
  { ok: true; record: OutgoingRecord; summary: ProduceSummary } | { ok: false; errors: FieldError[] };

export function defaultValueSubject(topic: string): string {
  return `${topic}-value`;
}

/**
 * Everything but the send: the topic's partitions, the schema of the chosen subject version,
 * the encoded value and the partition the record will go to. Shared by the preview (which
 * stops here) and the produce (which sends exactly what the preview showed).
 */
export async function prepareMessage(
  cluster: ClusterConfig,
  topic: string,
  input: ProduceRequest,
): Promise<PreparedMessage> {
  const { topics } = await describeTopicLayouts(cluster, [topic]);
  const partitionCount = topics[0]?.partitions.length ?? 0;
  if (input.partition !== null && input.partition >= partitionCount) {
    throw new AppError(
      'BAD_REQUEST',
      `topic "${topic}" has ${partitionCount} partition${partitionCount === 1 ? '' : 's'} (0 to ${partitionCount - 1}), not ${input.partition}`,
    );
  }
  const names = input.headers.map((h) => h.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined)
    throw new AppError('BAD_REQUEST', `header "${repeated}" is given twice; header names must be unique`);

  let how: ValueEncoding;
  let schema: ProduceSummary['schema'] = null;
  if (input.encoding === 'avro') {
    const registry = registryFor(cluster);
    const subject = input.subject ?? defaultValueSubject(topic);
    const registered = await registry.getSubjectVersion(subject, input.version).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT') {
        throw new AppError(
          'UNKNOWN_SUBJECT',
          input.version === 'latest'
            ? `subject "${subject}" is not in the schema registry`
            : `subject "${subject}" has no version ${input.version}`,
        );
      }
      throw error;
    });
    const type = await compileRegisteredAvro(
      registry,
      registered,
      `subject "${subject}" version ${registered.version}`,
    );
    how = { encoding: 'avro', schemaId: registered.id, type };
    schema = { subject, version: registered.version, id: registered.id };
  } else {
    how = { encoding: input.encoding };
  }
  const encoded = encodeValue(input.value, how);
  if (!encoded.ok) return { ok: false, errors: encoded.errors };

  const key = input.key === null ? null : Buffer.from(input.key, 'utf8');
  let partition: number | null = input.partition;
  let partitionChoice: ProduceSummary['partitionChoice'] = 'explicit';
  if (partition === null) {
    // The same murmur2 choice the producer would make; computed here so the preview can say it.
    partition = key ? partitionForKey(key, partitionCount) : null;
    partitionChoice = key ? 'by-key' : 'round-robin';
  }
  const record: OutgoingRecord = {
    topic,
    ...(partition === null ? {} : { partition }),
    key,
    value: encoded.bytes,
    headers: input.headers.map((h) => [h.name, h.value] as const),
  };
  return {
    ok: true,
    record,
    summary: {
      topic,
      partition,
      partitionChoice,
      key: input.key,
      headers: input.headers,
      encoding: input.encoding,
      keySize: key?.length ?? 0,
      valueSize: encoded.bytes.length,
      schema,
    },
  };
}
