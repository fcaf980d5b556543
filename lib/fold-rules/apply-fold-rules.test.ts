import { describe, expect, it } from 'vitest';
import { applyFoldRules, foldEvents, FoldRuleError, readPath, rulesFor } from './apply-fold-rules';
import { mergePayloadRuleSet, parseFoldRuleSet, type FoldRule, type FoldRuleSet } from './rules';

const one = (rules: FoldRule[]): FoldRuleSet => ({ typePath: 'type', byType: { E: rules } });
const event = (payload: unknown, extra: Record<string, unknown> = {}) => ({ type: 'E', payload, ...extra });

describe('applyFoldRules', () => {
  it('sets literals and event values, creating intermediate objects', () => {
    const state = applyFoldRules(
      {},
      event({ carrier: 'DHL' }),
      one([
        { op: 'set', path: 'status', value: 'SHIPPED' },
        { op: 'set', path: 'shipment.carrier', from: 'payload.carrier' },
      ]),
    );
    expect(state).toEqual({ status: 'SHIPPED', shipment: { carrier: 'DHL' } });
  });

  it('merges shallowly into the root or a path', () => {
    const rules = one([
      { op: 'merge', from: 'payload' },
      { op: 'merge', from: 'payload.address', path: 'billing' },
    ]);
    const state = applyFoldRules(
      { a: 1, address: { city: 'Old', zip: '1' } },
      event({ b: 2, address: { city: 'New' } }),
      rules,
    );
    expect(state).toEqual({ a: 1, b: 2, address: { city: 'New' }, billing: { city: 'New' } });
  });

  it('appends to a list, creating it when missing', () => {
    const rules = one([{ op: 'append', path: 'items', from: 'payload.item' }]);
    const s1 = applyFoldRules({}, event({ item: { sku: 'A' } }), rules);
    const s2 = applyFoldRules(s1, event({ item: { sku: 'B' } }), rules);
    expect(s2).toEqual({ items: [{ sku: 'A' }, { sku: 'B' }] });
  });

  it('removes every list element whose fields match the event', () => {
    const rules = one([{ op: 'remove', path: 'items', match: { sku: 'payload.sku', size: 'payload.size' } }]);
    const state = {
      items: [
        { sku: 'A', size: 1 },
        { sku: 'A', size: 2 },
        { sku: 'B', size: 1 },
        { sku: 'A', size: 1 },
      ],
    };
    expect(applyFoldRules(state, event({ sku: 'A', size: 1 }), rules)).toEqual({
      items: [
        { sku: 'A', size: 2 },
        { sku: 'B', size: 1 },
      ],
    });
    expect(applyFoldRules({}, event({ sku: 'A', size: 1 }), rules)).toEqual({});
  });

  it('increments from the event or by a literal, from zero when missing', () => {
    const rules = one([
      { op: 'increment', path: 'total', from: 'payload.amount' },
      { op: 'increment', path: 'count', by: 1 },
    ]);
    expect(foldEvents([event({ amount: 5 }), event({ amount: 7 })], rules)).toEqual({ total: 12, count: 2 });
  });

  it('deletes a key, or the whole state with $', () => {
    expect(applyFoldRules({ a: { b: 1, c: 2 } }, event({}), one([{ op: 'delete', path: 'a.b' }]))).toEqual({
      a: { c: 2 },
    });
    expect(applyFoldRules({ a: 1 }, event({}), one([{ op: 'delete', path: 'missing' }]))).toEqual({ a: 1 });
    expect(applyFoldRules({ a: 1 }, event({}), one([{ op: 'delete', path: '$' }]))).toEqual({});
  });

  it('never modifies the input state or the event, and shares no data with the event', () => {
    const state = Object.freeze({ items: Object.freeze([{ sku: 'A' }]), n: 1 });
    const e = event({ item: { sku: 'B', tags: ['x'] } });
    const before = JSON.stringify(e);
    const next = applyFoldRules(
      state,
      e,
      one([
        { op: 'append', path: 'items', from: 'payload.item' },
        { op: 'increment', path: 'n', by: 1 },
      ]),
    );
    expect(state).toEqual({ items: [{ sku: 'A' }], n: 1 });
    (next.items as { tags: string[] }[])[1]!.tags.push('y');
    expect(JSON.stringify(e)).toBe(before);
  });

  it('copies what it sets exactly as structuredClone would: fields, lists, bytes, dates and a "__proto__" field', () => {
    const payload = JSON.parse(
      '{"a":{"b":[1,{"c":null}],"__proto__":{"x":1}},"n":-0,"s":"t","list":[[1],[],{}]}',
    ) as Record<string, unknown>;
    (payload.a as Record<string, unknown>).bytes = new Uint8Array([1, 2]);
    (payload.a as Record<string, unknown>).at = new Date(0);
    const next = applyFoldRules({}, event(payload), one([{ op: 'set', path: 'copy', from: 'payload' }]));
    const copy = next.copy as Record<string, unknown>;
    expect(copy).toStrictEqual(structuredClone(payload));
    const a = copy.a as Record<string, unknown>;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(a, '__proto__')).toBe(true);
    expect(a.bytes).not.toBe((payload.a as Record<string, unknown>).bytes);
    expect(a.at).not.toBe((payload.a as Record<string, unknown>).at);
    expect(copy.list).not.toBe(payload.list);
  });

  it('applies `always` first, then the type rules or `otherwise`', () => {
    const rules: FoldRuleSet = {
      typePath: 'kind',
      always: [{ op: 'increment', path: 'seen', by: 1 }],
      byType: { A: [{ op: 'set', path: 'last', value: 'A' }] },
      otherwise: [{ op: 'set', path: 'last', from: 'kind' }],
    };
    expect(foldEvents([{ kind: 'A' }, { kind: 'Z' }], rules)).toEqual({ seen: 2, last: 'Z' });
    expect(rulesFor({ kind: 'A' }, rules)).toHaveLength(2);
    expect(applyFoldRules({}, { kind: 'Q' }, { typePath: 'kind', byType: {} })).toEqual({});
    expect(rulesFor({ kind: 'toString' }, { typePath: 'kind', byType: {} })).toEqual([]);
  });

  it('merges the payload by default', () => {
    expect(
      foldEvents(
        [
          { type: 'X', payload: { a: 1 } },
          { type: 'Y', payload: { b: 2, a: 3 } },
        ],
        mergePayloadRuleSet,
      ),
    ).toEqual({ a: 3, b: 2 });
  });

  it('accepts record class instances from decoders as objects', () => {
    class Rec {
      constructor(readonly sku: string) {}
    }
    const state = applyFoldRules(
      {},
      event({ item: new Rec('A') }),
      one([
        { op: 'append', path: 'items', from: 'payload.item' },
        { op: 'merge', from: 'payload.item' },
      ]),
    );
    expect(state).toEqual({ items: [{ sku: 'A' }], sku: 'A' });
    expect(Object.getPrototypeOf((state.items as unknown[])[0])).toBe(Object.prototype);
  });

  it('skips an optional rule whose source is missing and fails a required one, naming it', () => {
    expect(
      applyFoldRules(
        { a: 1 },
        event({}),
        one([{ op: 'set', path: 'currency', from: 'payload.currency', optional: true }]),
      ),
    ).toEqual({ a: 1 });
    const failing = one([
      { op: 'increment', path: 'n', by: 1 },
      { op: 'set', path: 'currency', from: 'payload.currency' },
    ]);
    expect(() => applyFoldRules({}, event({}), failing)).toThrow(FoldRuleError);
    try {
      applyFoldRules({}, event({}), failing);
    } catch (error) {
      expect(error).toMatchObject({
        ruleIndex: 1,
        eventType: 'E',
        message: expect.stringContaining('payload.currency'),
      });
    }
  });

  it('explains type mismatches', () => {
    expect(() =>
      applyFoldRules(
        { items: 3 },
        event({ item: 1 }),
        one([{ op: 'append', path: 'items', from: 'payload.item' }]),
      ),
    ).toThrow(/not a list/);
    expect(() => applyFoldRules({ n: 'x' }, event({}), one([{ op: 'increment', path: 'n', by: 1 }]))).toThrow(
      /not a number/,
    );
    expect(() =>
      applyFoldRules({}, event({ v: 'x' }), one([{ op: 'increment', path: 'n', from: 'payload.v' }])),
    ).toThrow(/not a number/);
    expect(() => applyFoldRules({}, event({ v: [1] }), one([{ op: 'merge', from: 'payload.v' }]))).toThrow(
      /not an object/,
    );
    expect(() =>
      applyFoldRules({ a: 5 }, event({ v: 1 }), one([{ op: 'set', path: 'a.b', from: 'payload.v' }])),
    ).toThrow(/not an object/);
  });

  it('refuses prototype-polluting paths', () => {
    const evil = one([{ op: 'set', path: '__proto__.polluted', value: true }]);
    expect(() => applyFoldRules({}, event({}), evil)).toThrow(FoldRuleError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => readPath({}, 'constructor')).toThrow();
  });
});

describe('readPath', () => {
  it('reads nested fields and array indexes, undefined when missing', () => {
    const e = { a: { b: [{ c: 1 }, { c: 2 }] } };
    expect(readPath(e, 'a.b.1.c')).toBe(2);
    expect(readPath(e, 'a.x.c')).toBeUndefined();
    expect(readPath(e, 'a.b.x')).toBeUndefined();
    expect(readPath({ a: 'str' }, 'a.length')).toBeUndefined();
  });
});

describe('parseFoldRuleSet', () => {
  it('accepts a rule set from JSON and fills the type path', () => {
    expect(parseFoldRuleSet({ byType: { A: [{ op: 'set', path: 'x', value: [1, { y: null }] }] } })).toEqual({
      typePath: 'type',
      byType: { A: [{ op: 'set', path: 'x', value: [1, { y: null }] }] },
    });
  });

  it('rejects unknown ops, both or neither of from/value, unsafe paths and extra keys', () => {
    const bad = [
      { byType: { A: [{ op: 'eval', path: 'x', value: 1 }] } },
      { byType: { A: [{ op: 'set', path: 'x' }] } },
      { byType: { A: [{ op: 'set', path: 'x', value: 1, from: 'y' }] } },
      { byType: { A: [{ op: 'increment', path: 'x' }] } },
      { byType: { A: [{ op: 'set', path: 'a..b', value: 1 }] } },
      { byType: { A: [{ op: 'set', path: 'prototype', value: 1 }] } },
      { byType: { A: [{ op: 'remove', path: 'items', match: {} }] } },
      { byType: { A: [{ op: 'set', path: 'x', value: 1, script: 'x' }] } },
      { byType: {}, extra: true },
    ];
    for (const input of bad) expect(() => parseFoldRuleSet(input), JSON.stringify(input)).toThrow();
  });
});
