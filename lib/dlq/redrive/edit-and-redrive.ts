import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { randomUUID } from 'node:crypto';
import { assertWritable, recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { assertTopicWritable } from '@/lib/topics/assert-topic-writable';
import { waitUntilCommittedReadable } from '@/lib/kafka/committed-readable';
import { partitionForKey } from '@/lib/kafka/murmur2';
import { closeProducer, createProducer, runTransaction, type ProducedRecord } from '@/lib/kafka/producer';
import { readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import { compileRegisteredAvro } from '@/lib/produce/compile-registered-schema';
import { encodeValue, parseJsonText, type ValueEncoding } from '@/lib/produce/encode-value';
import { defaultValueSubject } from '@/lib/produce/prepare-message';
import { registryFor } from '@/lib/registry';
import type { EditRedriveBody, EditRedriveResult } from '@/lib/schemas/dlq';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import { readDeadLetter } from '../read-dead-letter';
import { toEncodableJson } from './editable-json';
import { ledgerKey, nextAttempt, REDRIVE_HEADERS, redriveHeaders, redrivePartition } from './plan-redrive';
import { ensureRedriveTopics, ledgerRecord, readLedger } from './redrive-store';

/**
 * Resends one dead letter with an edited value: the JSON is validated and encoded against the
 * destination's current value schema (Avro through the registry; JSON as is when the destination
 * has no schema), a reason is required, the record goes out in one transaction with its ledger
 * entry (marked edited), and the audit entry keeps the original value, the edit and the reason.
 */
export async function editAndRedrive(
  cluster: ClusterConfig,
  topic: string,
  body: EditRedriveBody,
): Promise<EditRedriveResult> {
  assertWritable(cluster);
  const offset = BigInt(body.offset);
  const { records } = await readPartitionRange(cluster, {
    topic,
    partition: body.partition,
    fromOffset: offset,
    limit: 1,
  });
  const record = records[0];
  if (!record || record.offset !== offset)
    throw new AppError(
      'NOT_FOUND',
      `${topic} has no record at partition ${body.partition}, offset ${body.offset}`,
    );
  const info = readDeadLetter(record.headers, { mapping: cluster.deadLetters?.headerMapping });
  const destination = body.destination ?? info.origin.topic;
  if (!destination)
    throw new AppError('BAD_REQUEST', 'the headers name no origin topic: choose a destination');
  assertTopicWritable(cluster, destination);

  const key = ledgerKey(topic, body.partition, offset);
  const earlier = (await readLedger(cluster, topic)).get(key);
  if (earlier && !body.force)
    throw new AppError(
      'CONFLICT',
      `this message was already redriven to ${earlier.destination} at ${new Date(earlier.at).toISOString()} by job ${earlier.jobId}; resend with force to send it again`,
    );

  const partitionCount = (await readWatermarks(cluster, destination)).length;
  let how: ValueEncoding = { encoding: 'json' };
  let schema: EditRedriveResult['schema'] = null;
  let writerSchema: unknown = null;
  if (cluster.registry) {
    const registry = registryFor(cluster);
    const subject = defaultValueSubject(destination);
    const latest = await registry.getSubjectVersion(subject, 'latest').catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT') return null;
      throw error;
    });
    if (latest) {
      const type = await compileRegisteredAvro(
        registry,
        latest,
        `subject "${subject}" version ${latest.version}`,
      );
      how = { encoding: 'avro', schemaId: latest.id, type };
      schema = { subject, version: latest.version, id: latest.id };
      writerSchema = JSON.parse(latest.schema) as unknown;
    }
  }
  // The edit starts from the value as the console shows it: readable logical types go back to numbers.
  let text = body.value;
  const parsed = parseJsonText(body.value);
  if (how.encoding === 'avro' && parsed.ok)
    text = JSON.stringify(toEncodableJson(writerSchema, parsed.value));
  const encoded = encodeValue(text, how);
  if (!encoded.ok) {
    const list = encoded.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    throw new AppError(
      'BAD_REQUEST',
      `nothing was sent, the edited value is not valid${schema ? ` for ${schema.subject} version ${schema.version}` : ''}: ${list}`,
    );
  }

  await ensureRedriveTopics(cluster);
  const editId = `edit-${randomUUID()}`;
  const redriveId = randomUUID();
  const source = {
    topic,
    partition: body.partition,
    offset,
    key: record.key,
    value: record.value,
    headers: record.headers,
    info,
  };
  const headers = redriveHeaders(source, { redriveId, jobId: editId });
  headers.push([REDRIVE_HEADERS.editReason, Buffer.from(body.reason)]);
  const partition = redrivePartition(source, destination, partitionCount, partitionForKey, 0);
  const at = Date.now();
  const producer = createProducer(cluster, {
    transactionalId: `event-store-console-${editId}`,
    clientIdSuffix: 'redrive-edit',
  });
  let produced: ProducedRecord[] = [];
  try {
    await runTransaction(producer, async (send) => {
      produced = await send([
        { topic: destination, partition, key: record.key, value: encoded.bytes, headers, timestamp: at },
        ledgerRecord(cluster, key, {
          jobId: editId,
          redriveId,
          destination,
          partition,
          at,
          attempt: nextAttempt(record.headers),
          edited: true,
        }),
      ]);
    });
  } finally {
    await closeProducer(producer);
  }
  const sentOffset = produced[0]!.offset;
  // Committed is not yet readable (the markers follow the commit's answer): the caller shows the
  // resent record next, and a second resend must find this one in the ledger.
  await waitUntilCommittedReadable(cluster, produced).catch((error: unknown) =>
    console.error(`edited resend ${editId} is committed, but not readable yet`, error),
  );

  const original = await createMessageDecoder(cluster).decode(topic, record);
  const originalValue =
    'value' in original.value
      ? original.value.value
      : original.value.format === 'text'
        ? original.value.text
        : null;
  await recordAudit(cluster, {
    action: 'redrive-edit',
    target: topic,
    details: {
      job: editId,
      partition: body.partition,
      offset: body.offset,
      destination,
      destinationPartition: partition,
      reason: body.reason,
      original: originalValue,
      edited: JSON.parse(body.value) as unknown,
      schema,
    },
  }).catch((error: unknown) => {
    throw new AppError(
      'INTERNAL',
      `the edited message was sent to ${destination} partition ${partition}, but its audit entry could not be written: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return { redriveId, destination, partition, offset: sentOffset.toString(), schema };
}
