import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { registryFor } from '@/lib/registry';
import type { Upcast } from '@/lib/schemas/timetravel';
import { resolveReferences, type SchemaSource } from '@/lib/serde/schema-source';
import type { DecodedPart } from '@/lib/serde/types';
import {
  compileAvro,
  createAvroResolution,
  ResolutionError,
  type AvroResolution,
  type CompiledAvro,
} from './resolve-avro';

/**
 * Resolves each Avro event to the latest registered version of its subject, next to the value as
 * written. One upcaster per replay: the "latest" version is asked once, so a replay sees one
 * reader schema throughout; compiled schemas and resolvers are kept for the replay's length.
 */

interface Latest {
  id: number;
  version: number;
  subject: string;
  compiled: CompiledAvro;
}

export interface Upcaster {
  upcast(
    topic: string,
    part: DecodedPart,
    rawValue: Buffer | null,
  ): Promise<{ upcast: Upcast; foldInput: unknown }>;
}

export function createUpcaster(cluster: ClusterConfig): Upcaster {
  const registry = cluster.registry ? registryFor(cluster) : undefined;
  const source = registry as unknown as SchemaSource | undefined;
  const compiledById = new Map<number, Promise<CompiledAvro>>();
  const latestBySubject = new Map<string, Promise<Latest>>();
  const resolutions = new Map<string, AvroResolution | ResolutionError>();

  const compileId = (id: number): Promise<CompiledAvro> => {
    let pending = compiledById.get(id);
    if (!pending) {
      pending = (async () => {
        const schema = await registry!.getSchemaById(id);
        const refs = await resolveReferences(source!, schema.references);
        return compileAvro(
          schema.schema,
          [...refs.values()].map((r) => r.schema),
        );
      })();
      compiledById.set(id, pending);
    }
    return pending;
  };

  const latestOf = (subject: string): Promise<Latest> => {
    let pending = latestBySubject.get(subject);
    if (!pending) {
      pending = (async () => {
        const latest = await registry!.getSubjectVersion(subject, 'latest');
        if (latest.schemaType !== 'AVRO')
          throw new ResolutionError(`the latest version of ${subject} is not Avro`);
        return { id: latest.id, version: latest.version, subject, compiled: await compileId(latest.id) };
      })();
      latestBySubject.set(subject, pending);
    }
    return pending;
  };

  return {
    async upcast(topic, part, rawValue) {
      if (part.format !== 'avro' || !registry || !rawValue) {
        return {
          upcast: { status: 'not-applicable' },
          foldInput: part.format === 'text' ? part.text : 'value' in part ? part.value : null,
        };
      }
      const subject = part.subject ?? `${topic}-value`;
      let latest: Latest;
      try {
        latest = await latestOf(subject);
      } catch (error) {
        return {
          upcast: {
            status: 'failed',
            reader: null,
            reason: `the latest schema of ${subject} could not be read: ${(error as Error).message}`,
          },
          foldInput: part.value,
        };
      }
      const reader = { id: latest.id, subject, version: latest.version };
      if (latest.id === part.schemaId) return { upcast: { status: 'latest' }, foldInput: part.value };
      const key = `${part.schemaId}->${latest.id}`;
      let resolution = resolutions.get(key);
      if (!resolution) {
        try {
          resolution = createAvroResolution(latest.compiled, await compileId(part.schemaId));
        } catch (error) {
          resolution =
            error instanceof ResolutionError ? error : new ResolutionError((error as Error).message);
        }
        resolutions.set(key, resolution);
      }
      if (resolution instanceof ResolutionError)
        return { upcast: { status: 'failed', reader, reason: resolution.message }, foldInput: part.value };
      try {
        const value = resolution.read(rawValue.subarray(5));
        return { upcast: { status: 'resolved', reader, value }, foldInput: value };
      } catch (error) {
        return {
          upcast: { status: 'failed', reader, reason: (error as Error).message },
          foldInput: part.value,
        };
      }
    },
  };
}
