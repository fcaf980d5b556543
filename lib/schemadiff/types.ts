/**
 * The vocabulary of schema review, shared by every schema language: what changed between two
 * versions (a change tree, each change at a JSON-pointer path) and whether one version can read
 * data written with the other (a verdict with located problems).
 *
 * Paths are JSON pointers over the field tree, not over the schema text: a record field is its
 * name, a union branch is the branch's type name (`OrderPaid`, `null`), array items are `[]`,
 * map values are `{}`. `/payload/OrderPaid/currency` is the `currency` field of the `OrderPaid`
 * branch of the `payload` union. The root is `/`.
 */

export type ChangeKind =
  | 'field-added'
  | 'field-removed'
  | 'field-renamed'
  | 'type-changed'
  | 'type-promoted'
  | 'default-added'
  | 'default-removed'
  | 'default-changed'
  | 'enum-symbol-added'
  | 'enum-symbol-removed'
  | 'enum-default-changed'
  | 'union-branch-added'
  | 'union-branch-removed'
  | 'logical-type-changed'
  | 'fixed-size-changed'
  | 'name-changed'
  | 'namespace-changed'
  | 'aliases-changed'
  | 'doc-changed'
  | 'required-added'
  | 'required-removed'
  | 'additional-properties-changed';

export interface SchemaChange {
  kind: ChangeKind;
  /** JSON pointer into the field tree (see the module comment). */
  path: string;
  /** One sentence for people. */
  message: string;
  /** The old and new value where one exists (a type, a default, a size). */
  before?: unknown;
  after?: unknown;
}

/**
 * The rules a reader/writer pair can break. The Avro names are those of Apache Avro's
 * `SchemaCompatibility.SchemaIncompatibilityType`, so that our answers compare case by case.
 */
export type CompatibilityRule =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH'
  | 'REQUIRED_PROPERTY_ADDED'
  | 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT'
  | 'PROPERTY_ADDED_TO_OPEN_CONTENT'
  | 'FIELD_NUMBER_REUSED'
  | 'ONEOF_CHANGED'
  | 'CONTENT_MODEL_NARROWED'
  | 'ENUM_VALUE_REMOVED';

export interface CompatibilityProblem {
  /** Where, in the reader's field tree. */
  path: string;
  rule: CompatibilityRule;
  message: string;
  /** What would make the pair compatible, in the words a reviewer would use. */
  hint: string;
  /**
   * Set when the problem lies inside this branch of a union: Apache Avro reports such a case as
   * one MISSING_UNION_BRANCH at the union; we report the cause inside the branch.
   */
  unionBranch?: string;
}

export interface ReadVerdict {
  compatible: boolean;
  problems: CompatibilityProblem[];
}

/** The registry's compatibility levels, in the order a level picker lists them. */
export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** Thrown by the parsers when a text is not a schema of its language; the message says where. */
export class SchemaParseError extends Error {
  override name = 'SchemaParseError';
}
