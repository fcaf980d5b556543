import 'server-only';
import type avro from 'avsc';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { readWatermarks } from '@/lib/kafka/reader';
import { compileRegisteredAvro } from '@/lib/produce/compile-registered-schema';
import { defaultValueSubject } from '@/lib/produce/prepare-message';
import { registryFor } from '@/lib/registry';
import type { DryRunItem } from '@/lib/schemas/dlq';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { isInternalTopic } from '@/lib/topics/internal-topics';
import type { ReadDeadLetter } from './read-dead-letter-topic';

/**
 * Whether a dead letter can go to a destination: the topic exists, and the destination's current
 * value schema reads the value. Shared by the dry run and the redrive job, so that a job sends
 * exactly what its dry run said it would. Destinations and schemas are looked up once each.
 */

type Reader = {
  subject: string;
  version: number;
  id: number;
  type: avro.Type | null;
  schemaType: string;
} | null;

interface Destination {
  exists: boolean;
  partitionCount: number;
  reader: Reader;
  /** Why the reader schema could not be read (registry down); the check then fails. */
  readerProblem: string | null;
}

async function describeDestination(cluster: ClusterConfig, topic: string): Promise<Destination> {
  let partitionCount: number;
  try {
    partitionCount = (await readWatermarks(cluster, topic)).length;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNKNOWN_TOPIC')
      return { exists: false, partitionCount: 0, reader: null, readerProblem: null };
    throw error;
  }
  if (!cluster.registry) return { exists: true, partitionCount, reader: null, readerProblem: null };
  const registry = registryFor(cluster);
  const subject = defaultValueSubject(topic);
  try {
    const latest = await registry.getSubjectVersion(subject, 'latest');
    const type =
      latest.schemaType === 'AVRO'
        ? await compileRegisteredAvro(registry, latest, `${subject} version ${latest.version}`)
        : null;
    return {
      exists: true,
      partitionCount,
      reader: { subject, version: latest.version, id: latest.id, type, schemaType: latest.schemaType },
      readerProblem: null,
    };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'UNKNOWN_SUBJECT' || error.code === 'NOT_FOUND'))
      return { exists: true, partitionCount, reader: null, readerProblem: null };
    return {
      exists: true,
      partitionCount,
      reader: null,
      readerProblem: error instanceof AppError ? error.message : 'the schema registry could not be asked',
    };
  }
}

/**
 * Would today's consumer of the destination read this value? The value keeps its bytes and its
 * writer schema id when redriven, so the question is Avro schema resolution: can the destination's
 * latest reader schema resolve the writer schema, and do the bytes decode through it.
 */
async function checkValue(
  cluster: ClusterConfig,
  letter: ReadDeadLetter,
  destination: Destination,
  writers: Map<number, Promise<avro.Type>>,
): Promise<Pick<DryRunItem, 'ok' | 'reason' | 'schema'>> {
  if (destination.readerProblem)
    return {
      ok: false,
      reason: `the destination's value schema could not be read: ${destination.readerProblem}`,
      schema: null,
    };
  const reader = destination.reader;
  if (!reader)
    return { ok: true, reason: 'the destination has no value schema: sent as it is', schema: null };
  const frame = decodeConfluentFrame(letter.record.value);
  if (!frame.ok)
    return {
      ok: false,
      reason: `the destination's values follow ${reader.subject}, but this value is not schema-framed: ${frame.failure.message}`,
      schema: null,
    };
  const schema = {
    writerId: frame.schemaId,
    readerSubject: reader.subject,
    readerVersion: reader.version,
    readerId: reader.id,
  };
  if (!reader.type)
    return {
      ok: true,
      reason: `not checked: ${reader.subject} is a ${reader.schemaType} schema, only Avro is resolved`,
      schema,
    };
  let writer = writers.get(frame.schemaId);
  if (!writer) {
    const registry = registryFor(cluster);
    writer = registry
      .getSchemaById(frame.schemaId)
      .then((registered) =>
        compileRegisteredAvro(registry, { ...registered, id: frame.schemaId }, `schema ${frame.schemaId}`),
      );
    writers.set(frame.schemaId, writer);
  }
  try {
    const writerType = await writer;
    const resolver = reader.type.createResolver(writerType);
    reader.type.fromBuffer(frame.payload, resolver);
  } catch (error) {
    return {
      ok: false,
      reason: `${reader.subject} version ${reader.version} cannot read it: ${(error as Error).message.slice(0, 300)}`,
      schema,
    };
  }
  return {
    ok: true,
    reason:
      frame.schemaId === reader.id
        ? null
        : `written with schema ${frame.schemaId}, readable with ${reader.subject} version ${reader.version}`,
    schema,
  };
}

export type DestinationVerdict = Pick<DryRunItem, 'ok' | 'reason' | 'schema'> & {
  partitionCount: number | null;
};

export function createDestinationChecker(cluster: ClusterConfig) {
  const destinations = new Map<string, Promise<Destination>>();
  const writers = new Map<number, Promise<avro.Type>>();
  return async function check(letter: ReadDeadLetter, target: string | null): Promise<DestinationVerdict> {
    if (target === null)
      return {
        ok: false,
        reason: 'the headers name no origin topic: choose a destination',
        schema: null,
        partitionCount: null,
      };
    if (isInternalTopic(target))
      return {
        ok: false,
        reason: `"${target}" is an internal topic: the console does not redrive into it`,
        schema: null,
        partitionCount: null,
      };
    let destination = destinations.get(target);
    if (!destination) destinations.set(target, (destination = describeDestination(cluster, target)));
    const d = await destination;
    if (!d.exists)
      return { ok: false, reason: `topic "${target}" does not exist`, schema: null, partitionCount: null };
    return { ...(await checkValue(cluster, letter, d, writers)), partitionCount: d.partitionCount };
  };
}
