import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, MAX_MS_PER_INPUT, timed } from '@/lib/testing/fuzz';
import { evaluateFilter, type FilterValue, type MessageView } from './evaluate-filter';
import { FilterSyntaxError, formatFilter, parseFilterExpression } from './filter-expression';

/**
 * The filter language on expressions built from its grammar, the same with characters changed,
 * and random text: parsing answers with a tree or a FilterSyntaxError (never another exception),
 * a tree evaluates against any message without throwing and prints back to an expression with
 * the same verdict, and nothing takes longer than MAX_MS_PER_INPUT.
 */

const ident = fc.constantFrom('type', 'payload', 'amountCents', 'items', 'event-type', 'a_b', 'x1');
const segment = fc.oneof(
  ident.map((s) => `.${s}`),
  fc.nat({ max: 20 }).map((n) => `[${n}]`),
  fc.string({ maxLength: 6 }).map((s) => `[${JSON.stringify(s)}]`),
);
// Paths as the language allows them: fields below key and value, one header name, bare scalars.
const path = fc.oneof(
  fc
    .tuple(fc.constantFrom('key', 'value'), fc.array(segment, { maxLength: 3 }))
    .map(([root, segments]) => root + segments.join('')),
  ident.map((name) => `headers.${name}`),
  fc.constantFrom('partition', 'offset', 'timestamp', 'topic'),
);
const literal = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
  fc.constantFrom('true', 'false', 'null', '123456789012345678901234567890', '-.5', '1e9'),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replace(/['\\]/g, '')}'`),
);
const operand = fc.oneof(
  path,
  literal,
  fc.array(literal, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
);

const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    fc
      .tuple(
        operand,
        fc.constantFrom('==', '!=', '>', '>=', '<', '<=', 'contains', 'startsWith', 'endsWith', 'in'),
        operand,
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc
      .tuple(fc.constantFrom('contains', 'startsWith', 'endsWith'), operand, operand)
      .map(([fn, a, b]) => `${fn}(${a}, ${b})`),
    fc.tuple(fc.constantFrom('lower', 'upper', 'length', 'exists'), operand).map(([fn, a]) => `${fn}(${a})`),
    path,
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc
      .tuple(tie('expr'), fc.constantFrom(' and ', ' or ', ' && ', ' || '), tie('expr'))
      .map(([a, op, b]) => a + op + b),
    tie('expr').map((e) => `not (${e})`),
    tie('expr').map((e) => `(${e})`),
  ),
}));

/** A valid expression with a few characters overwritten, removed, or inserted. */
const mutatedExpr = fc
  .tuple(
    expr,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          '',
          '(',
          ')',
          '"',
          "'",
          '[',
          ']',
          '.',
          ',',
          '\\',
          '-',
          '9',
          'e',
          ' ',
          '==',
          'and',
          '\u0000',
          '\u{1F600}',
        ),
        fc.boolean(),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, insert, replace] of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      out = out.slice(0, i) + insert + out.slice(replace ? i + 1 : i);
    }
    return out;
  });

/** Long runs of one thing: digits, nesting, operators — the shapes that stall naive parsers. */
const pathological = fc
  .tuple(
    fc.constantFrom('7', '(', 'not ', '[', '"', 'value.a', ' and x', '-', '1e'),
    fc.integer({ min: 1, max: 1500 }),
    fc.constantFrom('', 'x', ')', ' > 1'),
  )
  .map(([unit, times, tail]) => unit.repeat(times).slice(0, 4000) + tail);

const messageValue = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<FilterValue>;
const view = (value: FilterValue, key: string): MessageView => ({
  topic: 'orders',
  partition: 1,
  offset: 42,
  timestamp: 1_700_000_000_000,
  key: () => key,
  keyData: () => key,
  value: () => value,
  header: (name) => (name === 'event-type' ? 'OrderPaid' : undefined),
  headers: () => ({ 'event-type': 'OrderPaid' }),
});

describe('filter expression parser under fuzzing', () => {
  it(`answers with a tree or a syntax error, evaluates and prints back, under ${MAX_MS_PER_INPUT} ms, on ${FUZZ_RUNS} inputs`, async () => {
    let slowest = 0;
    let parsed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 3, arbitrary: expr },
          { weight: 3, arbitrary: mutatedExpr },
          { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
          { weight: 1, arbitrary: pathological },
        ),
        messageValue,
        fc.string({ maxLength: 12 }),
        async (text, value, key) => {
          const ms = await timed(() => {
            let node;
            try {
              node = parseFilterExpression(text);
            } catch (error) {
              if (!(error instanceof FilterSyntaxError)) throw error;
              refused++;
              return;
            }
            parsed++;
            const message = view(value, key);
            const verdict = evaluateFilter(node, message);
            expect(typeof verdict === 'boolean' || typeof verdict === 'symbol').toBe(true);
            // What the UI shows of a filter (formatFilter) parses back to a filter with the same verdict.
            expect(evaluateFilter(parseFilterExpression(formatFilter(node)), message)).toBe(verdict);
          });
          slowest = Math.max(slowest, ms);
          return ms < MAX_MS_PER_INPUT;
        },
      ),
      { numRuns: FUZZ_RUNS, seed: 11 },
    );
    expect(slowest).toBeLessThan(MAX_MS_PER_INPUT);
    // Both paths were exercised in earnest.
    expect(parsed).toBeGreaterThan(FUZZ_RUNS / 4);
    expect(refused).toBeGreaterThan(FUZZ_RUNS / 20);
  }, 300_000);
});
