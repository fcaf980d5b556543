import { describe, expect, it } from 'vitest';
import { parseOperand } from './compile-filter';
import { evaluateFilter, type FilterValue, type MessageView } from './evaluate-filter';
import { MAX_EXPRESSION_LENGTH } from '@/lib/schemas/messages';
import { parseFilterExpression } from './filter-expression';
import { isDecimalInteger, isDecimalNumber, scanDecimalNumber } from './numeric-text';
import { MAX_MS_PER_INPUT, timedSync } from '@/lib/testing/fuzz';

const view = (value: FilterValue): MessageView => ({
  topic: 't',
  partition: 0,
  offset: 7,
  timestamp: 0,
  key: () => 'k',
  keyData: () => 'k',
  value: () => value,
  header: () => undefined,
  headers: () => ({}),
});

/** The old pattern, kept here only to check that the linear scan accepts exactly the same texts. */
const OLD_NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

describe('decimal numbers in text', () => {
  it.each([
    '0',
    '-1',
    '12.',
    '12.5',
    '.5',
    '-.5',
    '1e9',
    '1E+9',
    '2.5e-3',
    '007',
    '123456789012345678901234567890',
  ])('accepts %s', (t) => {
    expect(isDecimalNumber(t)).toBe(true);
    expect(OLD_NUMERIC.test(t)).toBe(true);
  });

  it.each([
    '',
    '-',
    '.',
    '-.',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    '1x',
    ' 1',
    '0x10',
    'Infinity',
    'NaN',
    '1_000',
    '--1',
  ])('rejects %j', (t) => {
    expect(isDecimalNumber(t)).toBe(false);
    expect(OLD_NUMERIC.test(t)).toBe(false);
  });

  it('finds where a number ends inside longer text', () => {
    expect(scanDecimalNumber('12.5 > x', 0)).toBe(4);
    expect(scanDecimalNumber('x 1e', 2)).toBe(3);
    expect(scanDecimalNumber('x .', 2)).toBe(-1);
  });

  it('tells integers', () => {
    expect(isDecimalInteger('-42')).toBe(true);
    expect(isDecimalInteger('4.2')).toBe(false);
    expect(isDecimalInteger('-')).toBe(false);
    expect(isDecimalInteger('')).toBe(false);
  });
});

describe('long digit runs cannot stall a filter', () => {
  // 100k characters: the old pattern took seconds on a tenth of this.
  const digits = '7'.repeat(100_000);
  const hostile = [
    `${digits}x`,
    `${digits}.${digits}x`,
    `${digits}e`,
    ` ${digits} x`,
    `-${digits}${' '.repeat(50_000)}x`,
  ];

  it('compares a 100k-character field in linear time', () => {
    const filter = parseFilterExpression('value.n > 5');
    for (const text of hostile) {
      expect(evaluateFilter(filter, view({ n: text }))).toBe(false); // not a number, so not greater than 5
      expect(timedSync(() => evaluateFilter(filter, view({ n: text })))).toBeLessThan(MAX_MS_PER_INPUT);
    }
  });

  it('parses a 100k-character operand in linear time', () => {
    for (const text of hostile) {
      expect(parseOperand(text)).toBe(text);
      expect(timedSync(() => parseOperand(text))).toBeLessThan(MAX_MS_PER_INPUT);
    }
  });

  it('parses and evaluates an expression of the longest allowed length in linear time', () => {
    // Expressions are capped at MAX_EXPRESSION_LENGTH; the digit run fills all of it.
    const run = '7'.repeat(MAX_EXPRESSION_LENGTH - 20);
    for (const expression of [`offset > "${run}x"`, `value.n == ${run}`]) {
      const ms = timedSync(() => evaluateFilter(parseFilterExpression(expression), view({ n: `${run}x` })));
      expect(ms).toBeLessThan(MAX_MS_PER_INPUT);
    }
  });

  it('still reads a 100k-digit number as one', () => {
    expect(isDecimalNumber(digits)).toBe(true);
    expect(parseOperand('123456789012345678901')).toBe('123456789012345678901'); // beyond 2^53: kept as exact text
    expect(timedSync(() => isDecimalNumber(digits))).toBeLessThan(MAX_MS_PER_INPUT);
  });
});

describe('numbers beyond the range of a double', () => {
  it('are refused in words, or kept exact when they are integers', () => {
    expect(() => parseFilterExpression('value.n > 1e999')).toThrow(/too large/);
    const node = parseFilterExpression(`value.n == ${'9'.repeat(400)}`);
    expect(node).toMatchObject({ kind: 'compare', right: { value: '9'.repeat(400) } });
  });
});
