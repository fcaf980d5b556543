import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAvroDecoder, parseAvroSchema } from './avro';
import { projectionOfPaths, type ProjectionTree } from './projection';

/**
 * The projected reader against the full one, on random record schemas, random values of them
 * (avsc's own generator and encoder) and random sets of field paths: the projection holds
 * exactly the named fields, with the values the full reader gives them, whatever it skipped.
 */

type Schema = Record<string, unknown> | string | unknown[];

let names = 0;
const named = (prefix: string) => `${prefix}${names++}`;

const primitive = fc.constantFrom<Schema>(
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
);

/** A schema: primitives, enums, fixed, arrays, maps, nullable unions and nested records. */
const { schema } = fc.letrec<{ schema: Schema; record: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: primitive },
    fc.constant(null).map(() => ({ type: 'enum', name: named('E'), symbols: ['A', 'B', 'C'] })),
    fc.integer({ min: 0, max: 6 }).map((size) => ({ type: 'fixed', name: named('F'), size })),
    tie('schema').map((items) => ({ type: 'array', items })),
    tie('schema').map((values) => ({ type: 'map', values })),
    tie('record').map((record) => ['null', record]),
    { weight: 2, arbitrary: tie('record') },
  ),
  record: fc.array(tie('schema'), { minLength: 1, maxLength: 6 }).map((types) => ({
    type: 'record',
    name: named('R'),
    fields: types.map((type, i) => ({ name: `f${i}`, type })),
  })),
}));

const recordSchema = schema.filter(
  (s): s is Record<string, unknown> => typeof s === 'object' && !Array.isArray(s) && s.type === 'record',
);

/** The record type below a field's type (through a nullable union), if there is one. */
function recordBelow(type: Schema): Record<string, unknown> | undefined {
  if (Array.isArray(type)) return recordBelow(type[1] as Schema);
  if (typeof type === 'object' && type.type === 'record') return type;
  return undefined;
}

/** Paths along record fields, picked by the random numbers given. */
function pathsOf(root: Record<string, unknown>, picks: number[][]): string[][] {
  return picks.map((pick) => {
    const path: string[] = [];
    let record: Record<string, unknown> | undefined = root;
    for (const n of pick) {
      if (!record) break;
      const fields = record.fields as { name: string; type: Schema }[];
      const field = fields[n % fields.length]!;
      path.push(field.name);
      record = recordBelow(field.type);
    }
    return path;
  });
}

/** What the projection of a fully decoded value holds. */
function project(value: unknown, tree: ProjectionTree): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(tree)) {
    const field = (value as Record<string, unknown>)[name];
    out[name] = sub === true ? field : project(field, sub);
  }
  return out;
}

describe('projected Avro reading on random schemas', () => {
  it('gives exactly the named fields with the full reader’s values, and refuses what it refuses', () => {
    fc.assert(
      fc.property(
        recordSchema,
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (json, picks, count, cut) => {
          const text = JSON.stringify(json);
          const writer = avro.Type.forSchema(json as avro.Schema, { wrapUnions: true });
          const type = parseAvroSchema(text);
          const projection = projectionOfPaths(pathsOf(json, picks))!;
          const full = createAvroDecoder(type);
          const projected = createAvroDecoder(type, projection);
          for (let i = 0; i < count; i++) {
            const payload = writer.toBuffer(writer.random());
            const whole = full.decode(payload).value;
            expect(projected.decode(payload).value).toEqual(project(whole, projection.tree));
            // A payload cut short is refused by both, wherever the cut falls.
            const short = payload.subarray(0, cut % payload.length);
            let fullRefused = false;
            try {
              full.decode(short);
            } catch {
              fullRefused = true;
            }
            let projectedRefused = false;
            try {
              projected.decode(short);
            } catch {
              projectedRefused = true;
            }
            expect(projectedRefused).toBe(fullRefused);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
