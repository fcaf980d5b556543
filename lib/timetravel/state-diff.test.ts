import { describe, expect, it } from 'vitest';
import { generateOrderEvents, groupEventsByOrder, orderStatesAfterEach } from '@/lib/demo';
import { applyStateChanges, describeChanges, diffStates, formatPath, type State } from './state-diff';

describe('diffStates and applyStateChanges', () => {
  it('describe changes by path', () => {
    const changes = diffStates(
      { status: 'PLACED', items: [{ sku: 'A' }, { sku: 'B' }], addr: { city: 'X' } },
      { status: 'PAID', items: [{ sku: 'B' }], paid: 3 },
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        { type: 'CHANGE', path: ['status'], value: 'PAID', oldValue: 'PLACED' },
        { type: 'CHANGE', path: ['items', 0, 'sku'], value: 'B', oldValue: 'A' },
        { type: 'REMOVE', path: ['items', 1], oldValue: { sku: 'B' } },
        { type: 'REMOVE', path: ['addr'], oldValue: { city: 'X' } },
        { type: 'CREATE', path: ['paid'], value: 3 },
      ]),
    );
    expect(diffStates({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('rebuild every state of every demo order from the first by applying the step changes', () => {
    const byOrder = groupEventsByOrder(generateOrderEvents({ seed: 42, events: 2_000 }));
    for (const list of byOrder.values()) {
      const states = orderStatesAfterEach(list) as unknown as State[];
      let state: State = {};
      for (const expected of states) {
        state = applyStateChanges(state, diffStates(state, expected));
        expect(state).toEqual(expected);
      }
    }
  });

  it('removes several tail elements of a list and never touches the input', () => {
    const before = { items: [1, 2, 3, 4], nested: { list: ['a', 'b', 'c'] } };
    const after = { items: [9], nested: { list: ['a'] } };
    const copy = structuredClone(before);
    expect(applyStateChanges(before, diffStates(before, after))).toEqual(after);
    expect(before).toEqual(copy);
  });

  it('ignores prototype-polluting paths', () => {
    applyStateChanges({}, [{ type: 'CREATE', path: ['__proto__', 'polluted'], value: true }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sees and applies own keys named like inherited properties', () => {
    const before = { id: 'o-1' };
    const after = JSON.parse(
      '{"id":"o-1","constructor":"x","toString":1,"__proto__":{"admin":true},"hasOwnProperty":null}',
    ) as Record<string, unknown>;
    const changes = diffStates(before, after);
    expect(changes.map((c) => c.path.join('.')).sort()).toEqual([
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
    ]);
    const rebuilt = applyStateChanges(before, changes);
    expect(Object.keys(rebuilt).sort()).toEqual([
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'id',
      'toString',
    ]);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(after));
    expect(Object.getPrototypeOf(rebuilt)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // Removing them again is seen too, by both diffs.
    expect(diffStates(after, before).filter((c) => c.type === 'REMOVE')).toHaveLength(4);
    expect(describeChanges(before, after).filter((c) => c.type === 'CREATE')).toHaveLength(4);
  });

  it('formats paths', () => {
    expect(formatPath(['items', 3, 'sku'])).toBe('items[3].sku');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('describeChanges', () => {
  it('shows the removal of a middle list element as one removal', () => {
    const before = { items: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }, { sku: 'D' }], n: 1 };
    const after = { items: [{ sku: 'A' }, { sku: 'C' }, { sku: 'D' }], n: 2 };
    expect(describeChanges(before, after)).toEqual([
      { type: 'REMOVE', path: ['items', 1], oldValue: { sku: 'B' } },
      { type: 'CHANGE', path: ['n'], value: 2, oldValue: 1 },
    ]);
  });

  it('shows additions, keys added and removed, and an element changed in place', () => {
    expect(
      describeChanges(
        { items: [{ sku: 'A', q: 1 }], gone: 1 },
        {
          items: [
            { sku: 'A', q: 2 },
            { sku: 'B', q: 1 },
          ],
          added: true,
        },
      ),
    ).toEqual([
      { type: 'CHANGE', path: ['items', 0, 'q'], value: 2, oldValue: 1 },
      { type: 'CREATE', path: ['items', 1], value: { sku: 'B', q: 1 } },
      { type: 'REMOVE', path: ['gone'], oldValue: 1 },
      { type: 'CREATE', path: ['added'], value: true },
    ]);
    expect(describeChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });

  it('matches list items by identity: one removed and one changed reads as exactly that', () => {
    const before = {
      lines: [
        { lineId: 'l1', sku: 'A', q: 1 },
        { lineId: 'l2', sku: 'B', q: 1 },
        { lineId: 'l3', sku: 'C', q: 1 },
      ],
    };
    const after = {
      lines: [
        { lineId: 'l1', sku: 'A', q: 1 },
        { lineId: 'l3', sku: 'C', q: 5 },
        { lineId: 'l4', sku: 'B', q: 1 },
      ],
    };
    // A field ending in "Id" is preferred to a name-like one: line l4 is a new line, though its sku is B again.
    expect(describeChanges(before, after)).toEqual([
      { type: 'REMOVE', path: ['lines', 1], oldValue: { lineId: 'l2', sku: 'B', q: 1 } },
      { type: 'CHANGE', path: ['lines', 1, 'q'], value: 5, oldValue: 1 },
      { type: 'CREATE', path: ['lines', 2], value: { lineId: 'l4', sku: 'B', q: 1 } },
    ]);
    // By index, the same edit touched every field of the last two lines.
    expect(diffStates(before, after).length).toBeGreaterThan(3);
  });

  it('compares lists without an identity as sequences of values', () => {
    expect(describeChanges({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'c'] })).toEqual([
      { type: 'REMOVE', path: ['tags', 1], oldValue: 'b' },
    ]);
    expect(describeChanges({ xs: [{ q: 1 }] }, { xs: [{ q: 2 }] })).toEqual([
      { type: 'CHANGE', path: ['xs', 0, 'q'], value: 2, oldValue: 1 },
    ]);
  });
});
