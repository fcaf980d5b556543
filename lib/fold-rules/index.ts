export {
  applyFoldRules,
  foldEvents,
  rulesFor,
  eventTypeOf,
  readPath,
  FoldRuleError,
  type FoldState,
} from './apply-fold-rules';
export {
  foldRuleSchema,
  foldRuleSetSchema,
  parseFoldRuleSet,
  mergePayloadRuleSet,
  isSafePath,
  type FoldRule,
  type FoldRuleSet,
  type FoldOp,
  type JsonValue,
} from './rules';
