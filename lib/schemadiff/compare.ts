import { checkAvroCanRead } from './avro-compat';
import { diffAvro } from './avro-diff';
import { parseAvroSchema, type AvroNode } from './avro-model';
import { checkJsonSchemaCanRead, diffJsonSchema, parseJsonSchema } from './json-schema';
import { checkProtobufCanRead, diffProtobuf, parseProtobufSchema } from './protobuf';
import {
  SchemaParseError,
  type CompatibilityLevel,
  type CompatibilityProblem,
  type ReadVerdict,
  type SchemaChange,
} from './types';

export type SchemaLanguage = 'AVRO' | 'JSON' | 'PROTOBUF';

/** One version as the diff sees it: its text, the texts of the schemas it references, a label. */
export interface SchemaText {
  schemaType: SchemaLanguage;
  schema: string;
  /** Texts of referenced schemas, dependencies first. */
  references?: string[];
  /** How hints name this version: "v3", "the draft". */
  label: string;
}

export interface SchemaComparison {
  changes: SchemaChange[];
  /** BACKWARD: the newer version reads data written with the older one. */
  backward: ReadVerdict;
  /** FORWARD: the older version reads data written with the newer one. */
  forward: ReadVerdict;
}

/** What the console needs of a schema language to diff it and give verdicts. */
interface Engine<T> {
  name: string;
  parse(text: SchemaText): T;
  diff(older: T, newer: T): SchemaChange[];
  canRead(reader: T, writer: T, labels: { reader: string; writer: string }): ReadVerdict;
}

const avro: Engine<AvroNode> = {
  name: 'Avro',
  parse: (text) => parseAvroSchema(text.schema, text.references),
  diff: diffAvro,
  canRead: checkAvroCanRead,
};

// JSON Schema is compared as text: the engine builds its own tree (with local $refs) each time.
const jsonSchema: Engine<string> = {
  name: 'JSON Schema',
  parse: (text) => (parseJsonSchema(text.schema), text.schema),
  diff: diffJsonSchema,
  canRead: checkJsonSchemaCanRead,
};

const protobufEngine: Engine<string> = {
  name: 'Protobuf',
  parse: (text) => (parseProtobufSchema(text.schema), text.schema),
  diff: diffProtobuf,
  canRead: checkProtobufCanRead,
};

const LANGUAGE_NAME: Record<SchemaLanguage, string> = {
  AVRO: 'Avro',
  JSON: 'JSON Schema',
  PROTOBUF: 'Protobuf',
};

/** Why the console cannot analyse these versions itself, or null when it can. */
export function unsupportedReason(...texts: SchemaText[]): string | null {
  // Imports of other files are resolved by the registry's references, which Protobuf review does not follow yet.
  const importing = texts.find((t) => t.schemaType === 'PROTOBUF' && (t.references?.length ?? 0) > 0);
  if (importing)
    return `${importing.label} is a Protobuf schema that imports others: the console compares self-contained Protobuf schemas only so far; the registry's verdict and the text diff still apply`;
  const mixed = texts.find((t) => t.schemaType !== texts[0]?.schemaType);
  if (mixed)
    return `${texts[0]!.label} is ${LANGUAGE_NAME[texts[0]!.schemaType]} and ${mixed.label} is ${LANGUAGE_NAME[mixed.schemaType]}: there is no field-by-field comparison across schema types`;
  return null;
}

function engineFor(texts: SchemaText[]): Engine<unknown> {
  const reason = unsupportedReason(...texts);
  if (reason) throw new SchemaParseError(reason);
  const type = texts[0]?.schemaType;
  return (type === 'JSON' ? jsonSchema : type === 'PROTOBUF' ? protobufEngine : avro) as Engine<unknown>;
}

function parseWith<T>(engine: Engine<T>, text: SchemaText): T {
  try {
    return engine.parse(text);
  } catch (error) {
    if (error instanceof SchemaParseError)
      throw new SchemaParseError(`${text.label} is not a valid ${engine.name} schema: ${error.message}`);
    throw error;
  }
}

/** The field-tree diff of `before` → `after` and the verdict in both directions. */
export function compareSchemas(before: SchemaText, after: SchemaText): SchemaComparison {
  const engine = engineFor([before, after]);
  const older = parseWith(engine, before);
  const newer = parseWith(engine, after);
  return {
    changes: engine.diff(older, newer),
    backward: engine.canRead(newer, older, { reader: after.label, writer: before.label }),
    forward: engine.canRead(older, newer, { reader: before.label, writer: after.label }),
  };
}

export interface LevelVerdict {
  level: CompatibilityLevel;
  compatible: boolean;
  /** Problems, each tagged with the earlier version it concerns and the direction. */
  problems: (CompatibilityProblem & { against: string; direction: 'backward' | 'forward' })[];
}

/**
 * Every compatibility level's answer for `candidate` registered after `history` (oldest first):
 * the plain levels look at the last version only, the transitive ones at every earlier version.
 */
export function verdictsForCandidate(history: SchemaText[], candidate: SchemaText): LevelVerdict[] {
  const engine = engineFor([candidate, ...history]);
  const newer = parseWith(engine, candidate);
  const pairs = history.map((h) => {
    const older = parseWith(engine, h);
    return {
      label: h.label,
      backward: engine.canRead(newer, older, { reader: candidate.label, writer: h.label }),
      forward: engine.canRead(older, newer, { reader: h.label, writer: candidate.label }),
    };
  });
  const latest = pairs.slice(-1);
  const level = (
    name: CompatibilityLevel,
    over: typeof pairs,
    directions: ('backward' | 'forward')[],
  ): LevelVerdict => {
    const problems = over.flatMap((p) =>
      directions.flatMap((d) =>
        p[d].problems.map((problem) => ({ ...problem, against: p.label, direction: d })),
      ),
    );
    return { level: name, compatible: problems.length === 0, problems };
  };
  return [
    { level: 'NONE', compatible: true, problems: [] },
    level('BACKWARD', latest, ['backward']),
    level('BACKWARD_TRANSITIVE', pairs, ['backward']),
    level('FORWARD', latest, ['forward']),
    level('FORWARD_TRANSITIVE', pairs, ['forward']),
    level('FULL', latest, ['backward', 'forward']),
    level('FULL_TRANSITIVE', pairs, ['backward', 'forward']),
  ];
}
