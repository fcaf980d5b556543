import { checkAvroCanRead } from './avro-compat';
import { diffAvro } from './avro-diff';
import { parseAvroSchema, type AvroNode } from './avro-model';
import { SchemaParseError, type CompatibilityLevel, type CompatibilityProblem, type ReadVerdict, type SchemaChange } from './types';

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

/** Why the console cannot analyse a pair itself, or null when it can. */
export function unsupportedReason(...texts: SchemaText[]): string | null {
  const other = texts.find((t) => t.schemaType !== 'AVRO');
  if (!other) return null;
  return `${other.label} is a ${other.schemaType === 'JSON' ? 'JSON Schema' : 'Protobuf'} schema: the console diffs and checks Avro schemas only so far; the registry's verdict and the text diff still apply`;
}

function parse(text: SchemaText): AvroNode {
  if (text.schemaType !== 'AVRO') {
    throw new SchemaParseError(`${text.label} is a ${text.schemaType === 'JSON' ? 'JSON Schema' : 'Protobuf'} schema; the console diffs and checks Avro schemas only so far`);
  }
  try {
    return parseAvroSchema(text.schema, text.references);
  } catch (error) {
    if (error instanceof SchemaParseError) throw new SchemaParseError(`${text.label} is not a valid Avro schema: ${error.message}`);
    throw error;
  }
}

/** The field-tree diff of `before` → `after` and the verdict in both directions. */
export function compareSchemas(before: SchemaText, after: SchemaText): SchemaComparison {
  const older = parse(before);
  const newer = parse(after);
  return {
    changes: diffAvro(older, newer),
    backward: checkAvroCanRead(newer, older, { reader: after.label, writer: before.label }),
    forward: checkAvroCanRead(older, newer, { reader: before.label, writer: after.label }),
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
  const newer = parse(candidate);
  const pairs = history.map((h) => {
    const older = parse(h);
    return {
      label: h.label,
      backward: checkAvroCanRead(newer, older, { reader: candidate.label, writer: h.label }),
      forward: checkAvroCanRead(older, newer, { reader: h.label, writer: candidate.label }),
    };
  });
  const latest = pairs.slice(-1);
  const level = (name: CompatibilityLevel, over: typeof pairs, directions: ('backward' | 'forward')[]): LevelVerdict => {
    const problems = over.flatMap((p) => directions.flatMap((d) => p[d].problems.map((problem) => ({ ...problem, against: p.label, direction: d }))));
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
