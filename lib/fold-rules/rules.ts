import { z } from 'zod';

/**
 * Declarative fold rules: how an aggregate's state follows from its events, written as data so
 * that an operator can configure it (JSON in the console configuration) and the console never
 * evaluates user code.
 *
 * Paths are dot-separated keys. A `path` addresses the STATE ("shipment.carrier"; missing
 * intermediate objects are created). A `from` addresses the EVENT as decoded, with Avro union
 * branches unwrapped ("payload.item", "occurredAt"; a numeric segment indexes an array).
 * `__proto__`, `prototype` and `constructor` are never valid segments.
 *
 * Operations, applied in order, each on the result of the previous one:
 * - `set`       state[path] = a copy of event[from], or the literal `value`.
 * - `merge`     shallow-merges the object event[from] into the object at state[path] (the whole
 *               state when `path` is omitted): its keys replace the target's keys.
 * - `append`    pushes a copy of event[from] (or `value`) onto the array at state[path],
 *               creating the array when missing.
 * - `remove`    drops every element of the array at state[path] whose fields equal the event
 *               values named by `match` ({ sku: "payload.sku" } drops items with that sku).
 * - `increment` adds the number event[from] (or the literal `by`) to state[path]; missing is 0.
 * - `delete`    removes state[path]; `"$"` empties the whole state (the aggregate is deleted).
 *
 * A `from` that resolves to nothing is an error unless the rule says `optional: true`, in which
 * case the rule is skipped: older events may lack a field that a newer schema added.
 *
 * A rule set picks the rules by the event's type (the value at `typePath`), after first applying
 * the `always` rules to every event. Types without rules get `otherwise`, or nothing. The generic
 * default of the console ("merge the payload into the state") is `{ typePath: 'type', byType: {},
 * otherwise: [{ op: 'merge', from: 'payload' }] }`.
 */

const forbiddenSegments = new Set(['__proto__', 'prototype', 'constructor']);

export function isSafePath(path: string): boolean {
  if (path === '') return false;
  return path.split('.').every((segment) => segment !== '' && !forbiddenSegments.has(segment));
}

const statePath = z
  .string()
  .refine(isSafePath, { message: 'must be a dot-separated path without empty or reserved segments' });
const eventPath = statePath;
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const exactlyOneOf = (a: string, b: string) => (r: Record<string, unknown>) =>
  (r[a] === undefined) !== (r[b] === undefined);

const setRule = z
  .object({
    op: z.literal('set'),
    path: statePath,
    from: eventPath.optional(),
    value: jsonValue.optional(),
    optional: z.boolean().optional(),
  })
  .strict()
  .refine(exactlyOneOf('from', 'value'), { message: 'set needs exactly one of "from" and "value"' });
const appendRule = z
  .object({
    op: z.literal('append'),
    path: statePath,
    from: eventPath.optional(),
    value: jsonValue.optional(),
    optional: z.boolean().optional(),
  })
  .strict()
  .refine(exactlyOneOf('from', 'value'), { message: 'append needs exactly one of "from" and "value"' });
const mergeRule = z
  .object({
    op: z.literal('merge'),
    from: eventPath,
    path: statePath.optional(),
    optional: z.boolean().optional(),
  })
  .strict();
const removeRule = z
  .object({
    op: z.literal('remove'),
    path: statePath,
    match: z
      .record(z.string(), eventPath)
      .refine((m) => Object.keys(m).length > 0, 'match needs at least one field'),
  })
  .strict();
const incrementRule = z
  .object({
    op: z.literal('increment'),
    path: statePath,
    from: eventPath.optional(),
    by: z.number().optional(),
    optional: z.boolean().optional(),
  })
  .strict()
  .refine(exactlyOneOf('from', 'by'), { message: 'increment needs exactly one of "from" and "by"' });
const deleteRule = z.object({ op: z.literal('delete'), path: z.union([z.literal('$'), statePath]) }).strict();

export const foldRuleSchema = z.union([
  setRule,
  mergeRule,
  appendRule,
  removeRule,
  incrementRule,
  deleteRule,
]);

export const foldRuleSetSchema = z
  .object({
    typePath: eventPath.default('type'),
    always: z.array(foldRuleSchema).optional(),
    byType: z.record(z.string(), z.array(foldRuleSchema)),
    otherwise: z.array(foldRuleSchema).optional(),
  })
  .strict();

export type SetRule = { op: 'set'; path: string; optional?: boolean } & (
  { from: string; value?: undefined } | { value: JsonValue; from?: undefined }
);
export type MergeRule = { op: 'merge'; from: string; path?: string; optional?: boolean };
export type AppendRule = { op: 'append'; path: string; optional?: boolean } & (
  { from: string; value?: undefined } | { value: JsonValue; from?: undefined }
);
export type RemoveRule = { op: 'remove'; path: string; match: Record<string, string> };
export type IncrementRule = { op: 'increment'; path: string; optional?: boolean } & (
  { from: string; by?: undefined } | { by: number; from?: undefined }
);
export type DeleteRule = { op: 'delete'; path: string };

export type FoldRule = SetRule | MergeRule | AppendRule | RemoveRule | IncrementRule | DeleteRule;
export type FoldOp = FoldRule['op'];

export interface FoldRuleSet {
  /** Where the event keeps its type name, e.g. "type". */
  typePath: string;
  /** Applied to every event, before the rules of its type. */
  always?: FoldRule[];
  /** Rules per event type name. */
  byType: Record<string, FoldRule[]>;
  /** Applied to events whose type has no entry in byType; without it such events change nothing. */
  otherwise?: FoldRule[];
}

/** The generic default: merge each event's payload into the state. */
export const mergePayloadRuleSet: FoldRuleSet = {
  typePath: 'type',
  byType: {},
  otherwise: [{ op: 'merge', from: 'payload' }],
};

/** Validates a rule set read from configuration; throws a ZodError with paths on failure. */
export function parseFoldRuleSet(input: unknown): FoldRuleSet {
  return foldRuleSetSchema.parse(input) as FoldRuleSet;
}
