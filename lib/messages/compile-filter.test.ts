import { describe, expect, it } from 'vitest';
import { compileMessageFilter, FilterSpecError, parseOperand } from './compile-filter';
import { evaluateFilter, type FilterValue, type MessageView } from './evaluate-filter';
import { formatFilter } from './filter-expression';

const view = (value: FilterValue, key = 'order-42', headers: Record<string, string> = {}): MessageView => ({
  topic: 't',
  partition: 0,
  offset: 0,
  timestamp: 0,
  key: () => key,
  keyData: () => key,
  value: () => value,
  header: (n) => (Object.hasOwn(headers, n) ? headers[n] : undefined),
  headers: () => headers,
});

const order = {
  type: 'OrderPaid',
  payload: { amountCents: 12500, method: 'CARD', note: null },
  items: [{ sku: 'A-1' }],
};

describe('structured filters', () => {
  it('compile to nothing when empty', () => {
    expect(compileMessageFilter({})).toBeNull();
    expect(compileMessageFilter({ key: { value: '', match: 'exact' }, expression: '  ' })).toBeNull();
  });

  it.each([
    [{ path: 'type', op: '=', value: 'OrderPaid' }, true],
    [{ path: 'type', op: '!=', value: 'OrderPaid' }, false],
    [{ path: 'payload.amountCents', op: '>', value: '10000' }, true],
    [{ path: 'payload.amountCents', op: '<=', value: '12499' }, false],
    [{ path: 'payload.amountCents', op: '>=', value: '12500' }, true],
    [{ path: 'payload.amountCents', op: '<', value: '"2"' }, false],
    [{ path: 'items[0].sku', op: 'startsWith', value: 'A-' }, true],
    [{ path: 'type', op: 'contains', value: 'Paid' }, true],
    [{ path: 'payload.method', op: 'in', value: 'PAYPAL, CARD' }, true],
    [{ path: 'payload.method', op: 'in', value: '["PAYPAL"]' }, false],
    [{ path: 'payload.note', op: 'exists' }, false],
    [{ path: 'payload', op: 'exists' }, true],
    [{ path: 'payload.note', op: '=', value: 'null' }, true],
  ] as const)('%o → %s', (predicate, expected) => {
    const filter = compileMessageFilter({ predicates: [predicate] })!;
    expect(evaluateFilter(filter.node, view(order))).toBe(expected);
    expect(filter.readsValue).toBe(true);
  });

  it('combine key, header, predicates and expression with and, cheapest first', () => {
    const filter = compileMessageFilter({
      expression: 'value.payload.amountCents > 100',
      predicates: [{ path: 'type', op: '=', value: 'OrderPaid' }],
      header: { name: 'source', value: 'checkout' },
      key: { value: 'order-', match: 'prefix' },
    })!;
    expect(formatFilter(filter.node)).toBe(
      '(((headers.source == "checkout" and key startsWith "order-") and value.type == "OrderPaid") and value.payload.amountCents > 100)',
    );
    expect(evaluateFilter(filter.node, view(order, 'order-1', { source: 'checkout' }))).toBe(true);
    expect(evaluateFilter(filter.node, view(order, 'user-1', { source: 'checkout' }))).toBe(false);
    expect(filter).toMatchObject({ readsKey: true, readsValue: true });
    expect(compileMessageFilter({ key: { value: 'x', match: 'exact' } })).toMatchObject({
      readsKey: true,
      readsValue: false,
    });
  });

  it('say which field is wrong, with the position', () => {
    expect(() => compileMessageFilter({ expression: 'value.a == ' })).toThrow(
      new FilterSpecError('expression', 'the filter ends too early', 11),
    );
    expect(() =>
      compileMessageFilter({ predicates: [{ path: 'a.__proto__', op: '=', value: '1' }] }),
    ).toThrow(/predicates\[0\]\.path/);
    expect(() => compileMessageFilter({ predicates: [{ path: 'a', op: 'in', value: '[1' }] })).toThrow(
      /predicates\[0\]\.value: not a JSON array/,
    );
  });

  it('reads operands as JSON literals when they are, text otherwise', () => {
    expect(parseOperand('12')).toBe(12);
    expect(parseOperand(' true ')).toBe(true);
    expect(parseOperand('null')).toBe(null);
    expect(parseOperand('"12"')).toBe('12');
    expect(parseOperand('OrderPaid')).toBe('OrderPaid');
    expect(parseOperand('9007199254740993')).toBe('9007199254740993');
  });
});
