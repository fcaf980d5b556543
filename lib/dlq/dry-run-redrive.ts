import 'server-only';
import type avro from 'avsc';
import { getCluster } from '@/lib/config';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/http/errors';
import { readWatermarks } from '@/lib/kafka/reader';
import { compileRegisteredAvro } from '@/lib/produce/compile-registered-schema';
import { defaultValueSubject } from '@/lib/produce/prepare-message';
import { registryFor } from '@/lib/registry';
import type { DryRun, DryRunBody, DryRunItem } from '@/lib/schemas/dlq';
import { decodeConfluentFrame } from '@/lib/serde/wire-format';
import { readDeadLetterTopic, type ReadDeadLetter } from './read-dead-letter-topic';
import { deadLetterSelector } from './summarize-dead-letters';

/** Items listed in the answer; the counts always cover the whole selection. */
const MAX_ITEMS = 2_000;

type Reader = { subject: string; version: number; id: number; type: avro.Type | null; schemaType: string } | null;

interface Destination {
  exists: boolean;
  reader: Reader;
  /** Why the reader schema could not be read (registry down); the check then fails. */
  readerProblem: string | null;
}

async function describeDestination(cluster: ClusterConfig, topic: string): Promise<Destination> {
  try {
    await readWatermarks(cluster, topic);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNKNOWN_TOPIC') return { exists: false, reader: null, readerProblem: null };
    throw error;
  }
  if (!cluster.registry) return { exists: true, reader: null, readerProblem: null };
  const registry = registryFor(cluster);
  const subject = defaultValueSubject(topic);
  try {
    const latest = await registry.getSubjectVersion(subject, 'latest');
    const type = latest.schemaType === 'AVRO' ? await compileRegisteredAvro(registry, latest, `${subject} version ${latest.version}`) : null;
    return { exists: true, reader: { subject, version: latest.version, id: latest.id, type, schemaType: latest.schemaType }, readerProblem: null };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'UNKNOWN_SUBJECT' || error.code === 'NOT_FOUND')) return { exists: true, reader: null, readerProblem: null };
    return { exists: true, reader: null, readerProblem: error instanceof AppError ? error.message : 'the schema registry could not be asked' };
  }
}

/**
 * Would today's consumer of the destination read this value? The value keeps its bytes and its
 * writer schema id when redriven, so the question is Avro schema resolution: can the destination's
 * latest reader schema resolve the writer schema, and do the bytes decode through it.
 */
async function checkValue(cluster: ClusterConfig, letter: ReadDeadLetter, destination: Destination, writers: Map<number, Promise<avro.Type>>): Promise<Pick<DryRunItem, 'ok' | 'reason' | 'schema'>> {
  if (destination.readerProblem) return { ok: false, reason: `the destination's value schema could not be read: ${destination.readerProblem}`, schema: null };
  const reader = destination.reader;
  if (!reader) return { ok: true, reason: 'the destination has no value schema: sent as it is', schema: null };
  const frame = decodeConfluentFrame(letter.record.value);
  if (!frame.ok) return { ok: false, reason: `the destination's values follow ${reader.subject}, but this value is not schema-framed: ${frame.failure.message}`, schema: null };
  const schema = { writerId: frame.schemaId, readerSubject: reader.subject, readerVersion: reader.version, readerId: reader.id };
  if (!reader.type) return { ok: true, reason: `not checked: ${reader.subject} is a ${reader.schemaType} schema, only Avro is resolved`, schema };
  let writer = writers.get(frame.schemaId);
  if (!writer) {
    const registry = registryFor(cluster);
    writer = registry.getSchemaById(frame.schemaId).then((registered) => compileRegisteredAvro(registry, { ...registered, id: frame.schemaId }, `schema ${frame.schemaId}`));
    writers.set(frame.schemaId, writer);
  }
  try {
    const writerType = await writer;
    const resolver = reader.type.createResolver(writerType);
    reader.type.fromBuffer(frame.payload, resolver);
  } catch (error) {
    return { ok: false, reason: `${reader.subject} version ${reader.version} cannot read it: ${(error as Error).message.slice(0, 300)}`, schema };
  }
  return { ok: true, reason: frame.schemaId === reader.id ? null : `written with schema ${frame.schemaId}, readable with ${reader.subject} version ${reader.version}`, schema };
}

/**
 * What a redrive of the selection would do, message by message: the destination (the origin
 * from the headers, or the one chosen), the headers it would keep and drop, and whether the
 * destination's current value schema reads the value. Reads only; writes nothing.
 */
export async function dryRunRedrive(clusterId: string, topic: string, body: DryRunBody, signal?: AbortSignal): Promise<DryRun> {
  const cluster = getCluster(clusterId);
  const { letters } = await readDeadLetterTopic(cluster, topic, { signal });
  const selected = letters.filter(deadLetterSelector(body.selection));
  const destinations = new Map<string, Promise<Destination>>();
  const writers = new Map<number, Promise<avro.Type>>();
  const items: DryRunItem[] = [];
  const perDestination = new Map<string | null, { count: number; failed: number }>();
  let ok = 0;
  for (const letter of selected) {
    const target = body.destination ?? letter.info.origin.topic;
    const dropped = new Set(letter.info.deadLetterHeaderKeys);
    const base = {
      partition: letter.partition,
      offset: letter.offset.toString(),
      key: letter.key,
      destination: target,
      headersKept: letter.record.headers.filter((h) => !dropped.has(h.key)).length,
      headersDropped: [...dropped],
    };
    let verdict: Pick<DryRunItem, 'ok' | 'reason' | 'schema'>;
    if (target === null) verdict = { ok: false, reason: 'the headers name no origin topic: choose a destination', schema: null };
    else {
      let destination = destinations.get(target);
      if (!destination) destinations.set(target, (destination = describeDestination(cluster, target)));
      const d = await destination;
      verdict = d.exists ? await checkValue(cluster, letter, d, writers) : { ok: false, reason: `topic "${target}" does not exist`, schema: null };
    }
    if (verdict.ok) ok++;
    let tally = perDestination.get(target);
    if (!tally) perDestination.set(target, (tally = { count: 0, failed: 0 }));
    tally.count++;
    if (!verdict.ok) tally.failed++;
    if (items.length < MAX_ITEMS) items.push({ ...base, ...verdict });
  }
  return {
    selected: selected.length,
    ok,
    failed: selected.length - ok,
    destinations: [...perDestination].map(([t, v]) => ({ topic: t, ...v })),
    items,
  };
}
