export { compareSchemas, unsupportedReason, verdictsForCandidate } from './compare';
export type { LevelVerdict, SchemaComparison, SchemaLanguage, SchemaText } from './compare';
export { avroCanonicalForm, prettySchemaText } from './avro-canonical';
export { parseAvroSchema } from './avro-model';
export { COMPATIBILITY_LEVELS, SchemaParseError } from './types';
export type {
  ChangeKind,
  CompatibilityLevel,
  CompatibilityProblem,
  CompatibilityRule,
  ReadVerdict,
  SchemaChange,
} from './types';
