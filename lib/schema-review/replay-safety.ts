import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import type { RegistryClient } from '@/lib/registry';
import { compareSchemas } from '@/lib/schemadiff';
import type { ReplaySafety, SchemaIdUsage } from '@/lib/schemas/subjects';
import {
  compileAvro,
  createAvroResolution,
  ResolutionError,
  type AvroResolution,
} from '@/lib/timetravel/resolve-avro';
import { loadVersion, resolveReferenceTexts } from './schema-texts';
import type { SchemaUsageTally } from './schema-usage-tally';

/**
 * In an event store old events live forever: can the subject's latest schema read every writer
 * schema that actually occurs in the topic? For each writer id present, our verdict (the reader
 * reading that writer), what reading does to its records (the field-tree diff writer → reader:
 * fields defaulted, dropped, promoted), and the proof: a few real records of it read with the
 * reader schema by Avro's own resolution (avsc), or the reason they cannot be.
 */
export async function assessReplaySafety(
  registry: RegistryClient,
  subject: string,
  usage: SchemaIdUsage[],
  tally: SchemaUsageTally,
): Promise<ReplaySafety> {
  const latest = await loadVersion(registry, subject, 'latest').catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT')
      throw new AppError('UNKNOWN_SUBJECT', `the reader subject "${subject}" has no version`);
    throw error;
  });
  if (latest.version.schemaType !== 'AVRO')
    throw new AppError(
      'BAD_REQUEST',
      `replay safety is checked for Avro readers; ${subject} is ${latest.version.schemaType}`,
    );
  const readerLabel = `v${latest.version.version} (latest)`;
  const reader = compileAvro(latest.version.schema, latest.referenceTexts);

  const writers: ReplaySafety['writers'] = [];
  for (const u of usage) {
    if (u.schemaId === null) continue;
    const own = u.versions.find((v) => v.subject === subject);
    const label = own ? `v${own.version}` : `id ${u.schemaId}`;
    const samples = tally.samples(u.schemaId);
    const writer = await registry.getSchemaById(u.schemaId);
    if (writer.schemaType !== 'AVRO') {
      writers.push({
        schemaId: u.schemaId,
        label,
        verdict: null,
        changes: [],
        samples: samples.map((s) => ({
          ok: false,
          partition: s.partition,
          offset: s.offset,
          reason: `written as ${writer.schemaType}, not Avro`,
        })),
      });
      continue;
    }
    const writerRefs = await resolveReferenceTexts(registry, writer.references);
    const comparison = compareSchemas(
      { schemaType: 'AVRO', schema: writer.schema, references: writerRefs, label },
      { ...latest.text, label: readerLabel },
    );
    let resolution: AvroResolution | ResolutionError;
    try {
      resolution = createAvroResolution(reader, compileAvro(writer.schema, writerRefs));
    } catch (error) {
      resolution = error instanceof ResolutionError ? error : new ResolutionError((error as Error).message);
    }
    writers.push({
      schemaId: u.schemaId,
      label,
      verdict: comparison.backward,
      changes: comparison.changes,
      samples: samples.map((s) => {
        if (resolution instanceof ResolutionError)
          return { ok: false as const, partition: s.partition, offset: s.offset, reason: resolution.message };
        try {
          return {
            ok: true as const,
            partition: s.partition,
            offset: s.offset,
            value: resolution.read(s.bytes.subarray(5)),
          };
        } catch (error) {
          return {
            ok: false as const,
            partition: s.partition,
            offset: s.offset,
            reason: (error as Error).message,
          };
        }
      }),
    });
  }
  const safe = writers.every((w) => w.verdict?.compatible === true && w.samples.every((s) => s.ok));
  return { reader: { subject, version: latest.version.version, id: latest.version.id }, writers, safe };
}
