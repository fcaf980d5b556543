import { describe, expect, it } from 'vitest';
import { UNKNOWN, evaluateFilter, type FilterValue, type MessageView } from './evaluate-filter';
import {
  FilterSyntaxError,
  MAX_EXPRESSION_DEPTH,
  formatFilter,
  parseFilterExpression,
  parseFilterPath,
  tokenize,
} from './filter-expression';

/** A message as the filter sees it, from plain data. */
function view(message: {
  key?: string | null;
  value?: FilterValue;
  headers?: Record<string, string>;
  partition?: number;
  offset?: number;
  timestamp?: number;
}): MessageView {
  return {
    topic: 'orders',
    partition: message.partition ?? 0,
    offset: message.offset ?? 0,
    timestamp: message.timestamp ?? 0,
    key: () => (message.key === undefined ? null : message.key),
    keyData: () => (message.key ? (JSON.parse(message.key) as FilterValue) : null),
    value: () => message.value,
    header: (name) =>
      message.headers && Object.hasOwn(message.headers, name) ? message.headers[name] : undefined,
    headers: () => ({ ...message.headers }),
  };
}

const order = {
  type: 'OrderPaid',
  orderId: 'order-42',
  payload: { amountCents: 12500, currency: 'EUR', method: 'CARD', bigLong: '9007199254740993' },
  items: [
    { sku: 'SKU-1', qty: 2 },
    { sku: 'SKU-2', qty: 1 },
  ],
  tags: ['vip', 'eu'],
  note: null,
};
const msg = view({
  key: 'order-42',
  value: order,
  headers: { 'event-type': 'OrderPaid', source: 'checkout' },
  partition: 3,
  offset: 1234,
  timestamp: 1_700_000_000_000,
});

const matches = (expr: string, m: MessageView = msg) => evaluateFilter(parseFilterExpression(expr), m);

describe('the filter language', () => {
  it.each([
    ['value.type == "OrderPaid"', true],
    ["value.type = 'OrderPaid'", true],
    ['value.type != "OrderPaid"', false],
    ['value.payload.amountCents > 10000', true],
    ['value.payload.amountCents >= 12500 and value.payload.amountCents <= 12500', true],
    ['value.payload.amountCents < 100', false],
    ['value.items[0].sku == "SKU-1"', true],
    ['value.items[1]["qty"] == 1', true],
    ['value.items[5].sku == "x"', false],
    ['value.missing.deep == null', true],
    ['value.note == null', true],
    ['exists(value.note)', false],
    ['exists(value.payload.currency)', true],
    ['not exists(value.payload.refund)', true],
    ['value.tags contains "vip"', true],
    ['contains(value.tags, "us")', false],
    ['value.orderId startsWith "order-"', true],
    ['startsWith(lower(value.payload.method), "ca")', true],
    ['endsWith(value.orderId, "42")', true],
    ['upper(value.type) == "ORDERPAID"', true],
    ['length(value.items) == 2', true],
    ['value.type in ["OrderPlaced", "OrderPaid"]', true],
    ['value.type in []', false],
    ['key == "order-42"', true],
    ['key startsWith "order-" && !(key == "order-1")', true],
    ['headers.event-type == "OrderPaid"', true],
    ['headers["source"] = "checkout"', true],
    ['headers.missing == null', true],
    ['partition == 3 and offset > 1000 and timestamp >= 1700000000000', true],
    ['partition in [0, 1, 2]', false],
    ['topic == "orders"', true],
    ['value.payload.bigLong == 9007199254740993', true],
    ['value.payload.bigLong > "9007199254740992"', true],
    ['value.payload.bigLong > 9007199254740992', true],
    ['value.payload.bigLong < 9007199254740994', true],
    ['value.payload.bigLong == 9007199254740992', false],
    ['value.payload.amountCents == "12500"', true],
    ['(value.type == "OrderShipped" or value.type == "OrderPaid") and not (partition == 0)', true],
    ['value.type == "OrderShipped" OR key == "order-42"', true],
    ['TRUE', true],
    ['value.items', true],
    ['value.nothing', false],
  ])('%s → %s', (expr, expected) => {
    expect(matches(expr)).toBe(expected);
  });

  it('is three-valued before decoding: a key that decides alone decides, the rest stays unknown', () => {
    const raw = view({ key: 'order-7', value: UNKNOWN });
    expect(matches('key == "order-42" and value.type == "OrderPaid"', raw)).toBe(false);
    expect(matches('key == "order-7" or value.type == "OrderPaid"', raw)).toBe(true);
    expect(matches('key == "order-7" and value.type == "OrderPaid"', raw)).toBe(UNKNOWN);
    expect(matches('not (value.type == "OrderPaid")', raw)).toBe(UNKNOWN);
    expect(matches('lower(value.type) in ["orderpaid"]', raw)).toBe(UNKNOWN);
  });

  it('reports the position of a syntax error', () => {
    const cases: [string, number, RegExp][] = [
      ['value.type == ', 14, /ends too early/],
      ['value.type == "OrderPaid" and (key == "x"', 41, /expected "\)"/],
      ['value.type === "x"', 13, /unexpected "="/],
      ['valu.type == 1', 0, /unknown name "valu"/],
      ['value.type == "open', 14, /unterminated string/],
      ['frobnicate(value.x)', 0, /unknown function/],
      ['value.a == 1 value.b == 2', 13, /unexpected "value"/],
      ['value.a in "x"', 11, /needs a list/],
      ['1 < partition < 3', 14, /cannot be chained/],
      ['value.a == #', 11, /unexpected character/],
      ['lower(value.a, 2) == "x"', 0, /takes 1 argument/],
      ['headers == "x"', 0, /name one header/],
      ['offset.x == 1', 0, /has no fields/],
    ];
    for (const [expr, position, reason] of cases) {
      let error: unknown;
      try {
        parseFilterExpression(expr);
      } catch (e) {
        error = e;
      }
      expect(error, expr).toBeInstanceOf(FilterSyntaxError);
      expect((error as FilterSyntaxError).reason, expr).toMatch(reason);
      expect((error as FilterSyntaxError).position, expr).toBe(position);
    }
  });

  it('parses value paths for predicates and prints trees back', () => {
    expect(parseFilterPath('payload.amount')).toMatchObject({
      root: 'value',
      segments: ['payload', 'amount'],
    });
    expect(parseFilterPath('items[0].sku')).toMatchObject({ root: 'value', segments: ['items', 0, 'sku'] });
    expect(parseFilterPath('')).toMatchObject({ root: 'value', segments: [] });
    expect(
      formatFilter(parseFilterExpression("value.a == 'x' and not headers.event-type in [1, true, null]")),
    ).toBe('(value.a == "x" and not headers.event-type in [1, true, null])');
  });

  it('keeps tokens with their positions', () => {
    expect(tokenize('key=="a"').map((t) => [t.type, t.pos])).toEqual([
      ['ident', 0],
      ['op', 3],
      ['string', 5],
      ['end', 8],
    ]);
  });
});

describe('the filter language refuses or neutralises injection', () => {
  const refused = [
    'constructor.constructor("return process")()',
    'value.constructor.constructor("return process")()',
    'value.__proto__.polluted == 1',
    '__proto__.polluted = 1',
    'value["__proto__"]["polluted"] == 1',
    'value.prototype == 1',
    'key.constructor == 1',
    'process.exit()',
    'require("child_process").execSync("id")',
    'globalThis.process == 1',
    'this.constructor == 1',
    'value.a == 1; process.exit()',
    'value.a == `${process.exit()}`',
    'import("fs")',
    'eval("1")',
    'Function("return this")()',
    'value.toString() == "x"',
    'value.a == 1 || (() => process.exit())()',
    'new Date() == 1',
  ];
  it.each(refused)('%s is refused', (expr) => {
    expect(() => parseFilterExpression(expr)).toThrow(FilterSyntaxError);
  });

  it('reads only own data: inherited names are missing, not functions', () => {
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(matches(`exists(value.${name})`)).toBe(false);
      expect(matches(`value.${name} == null`)).toBe(true);
      expect(matches(`exists(value.tags.${name})`)).toBe(false);
      expect(matches(`length(value.type.${name}) == null`)).toBe(true);
    }
    expect(matches('value.tags.length == 2')).toBe(false); // arrays have no named fields here
  });

  it('touches no global and pollutes no prototype', () => {
    const before = Object.getOwnPropertyNames(globalThis).sort();
    const exit = process.exit;
    const attempts = [
      '__proto__.polluted = 1',
      'value.__proto__.polluted == 1',
      'constructor.constructor("return process")()',
      'process.exit()',
    ];
    for (const attempt of attempts) {
      try {
        evaluateFilter(parseFilterExpression(attempt), msg);
      } catch {
        // refused at parse time
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(process.exit).toBe(exit);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before);
  });

  it('limits length and nesting', () => {
    const deep = `${'('.repeat(10_000)}key == "x"${')'.repeat(10_000)}`;
    expect(() => parseFilterExpression(deep)).toThrow(/longer than/);
    const nested = `${'('.repeat(MAX_EXPRESSION_DEPTH + 1)}key == "x"${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`;
    expect(() => parseFilterExpression(nested)).toThrow(/nests deeper/);
    const nots = `${'not '.repeat(MAX_EXPRESSION_DEPTH + 1)}key == "x"`;
    expect(() => parseFilterExpression(nots)).toThrow(/nests deeper/);
    const calls = `${'lower('.repeat(MAX_EXPRESSION_DEPTH + 1)}key${')'.repeat(MAX_EXPRESSION_DEPTH + 1)} == "x"`;
    expect(() => parseFilterExpression(calls)).toThrow(/nests deeper/);
    const ok = `${'('.repeat(10)}key == "x"${')'.repeat(10)}`;
    expect(matches(ok, view({ key: 'x' }))).toBe(true);
    const tokens = Array.from({ length: 600 }, () => 'key == "x"').join(' or ');
    expect(() => parseFilterExpression(tokens)).toThrow(FilterSyntaxError);
  });
});
