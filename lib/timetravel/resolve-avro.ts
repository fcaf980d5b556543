import type avro from 'avsc';
import { createAvroDecoder, parseAvroSchema, type AvroDecoder, type AvroNamedTypes } from '@/lib/serde/avro';
import type { JsonValue } from '@/lib/serde/types';

/**
 * Schema resolution made visible: an Avro payload written with one schema, read with another
 * (the latest of its subject), as Avro's resolution rules say (avsc's `createResolver`: aliases,
 * defaults, promotions, union branches by name). The result is shown in the same JSON form as the
 * decoder's (lib/serde/avro.ts): the resolved value is re-encoded with the reader schema and read
 * back with the decoder's own reader. Pure.
 */

export interface CompiledAvro {
  type: avro.Type;
  decoder: AvroDecoder;
}

/** Parses a schema, its references first (in dependency order) into one name registry. */
export function compileAvro(schema: string, references: readonly string[] = []): CompiledAvro {
  const registry: AvroNamedTypes = {};
  for (const ref of references) parseAvroSchema(ref, registry);
  const type = parseAvroSchema(schema, registry);
  return { type, decoder: createAvroDecoder(type) };
}

export class ResolutionError extends Error {
  override name = 'ResolutionError';
}

export interface AvroResolution {
  /** Reads a writer payload (after the 5-byte framing) as the reader's JSON. */
  read(payload: Buffer): JsonValue;
}

/** Throws ResolutionError when the reader cannot read the writer at all (no resolution exists). */
export function createAvroResolution(reader: CompiledAvro, writer: CompiledAvro): AvroResolution {
  let resolver: avro.Resolver;
  try {
    resolver = reader.type.createResolver(writer.type);
  } catch (error) {
    throw new ResolutionError(
      `the reader schema cannot read this writer schema: ${(error as Error).message}`,
    );
  }
  return {
    read(payload) {
      let resolved: unknown;
      try {
        resolved = reader.type.fromBuffer(payload, resolver, true);
      } catch (error) {
        throw new ResolutionError(
          `the payload could not be resolved to the reader schema: ${(error as Error).message}`,
        );
      }
      return reader.decoder.decode(reader.type.toBuffer(resolved)).value;
    },
  };
}
