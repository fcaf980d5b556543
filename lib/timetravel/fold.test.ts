import { describe, expect, it } from 'vitest';
import {
  generateOrderEvents,
  groupEventsByOrder,
  orderFoldRules,
  orderStatesAfterEach,
  toOrderEventRecord,
} from '@/lib/demo';
import {
  createDefaultFolder,
  createReducerFolder,
  createRulesFolder,
  FoldError,
  type FoldEventMeta,
} from './fold';
import { foldStep, type AggregateEvent } from './fold-step';
import { applyStateChanges, type State } from './state-diff';

const meta = (eventType: string | null = null): FoldEventMeta => ({
  eventType,
  key: 'k',
  partition: 0,
  offset: '0',
  timestamp: 0,
  headers: {},
});

function event(value: unknown, extra: Partial<AggregateEvent> = {}): AggregateEvent {
  return {
    partition: 0,
    offset: 0n,
    timestamp: 0,
    key: 'k',
    headers: {},
    eventType: null,
    schema: null,
    value,
    upcast: { status: 'not-applicable' },
    decodeError: null,
    foldInput: value,
    ...extra,
  };
}

describe('the default fold', () => {
  const folder = createDefaultFolder();
  it('merges the payload of an envelope, or the whole value without one', () => {
    expect(folder.apply({ a: 1 }, { type: 'X', payload: { b: 2, a: 3 } }, meta())).toEqual({ a: 3, b: 2 });
    expect(folder.apply({ a: 1 }, { b: 2 }, meta())).toEqual({ a: 1, b: 2 });
  });
  it('fails on a value that is not an object', () => {
    expect(() => folder.apply({}, 'text', meta())).toThrow(FoldError);
  });
});

describe('the rules fold', () => {
  it('rebuilds every demo order exactly as the generator model, step by step', async () => {
    const folder = createRulesFolder(orderFoldRules, { field: 'type' });
    const byOrder = groupEventsByOrder(generateOrderEvents({ seed: 7, events: 2_000 }));
    for (const list of [...byOrder.values()].slice(0, 40)) {
      let state: State = {};
      const expected = orderStatesAfterEach(list);
      for (const [i, e] of list.entries()) {
        state = await folder.apply(state, toOrderEventRecord(e), meta(e.type));
        expect(state).toEqual(expected[i]);
      }
    }
  });

  it('picks rules by a header type when the stream names types in headers', () => {
    const folder = createRulesFolder(
      { typePath: 'type', byType: { Hit: [{ op: 'increment', path: 'hits', by: 1 }] } },
      { header: 'event-type' },
    );
    expect(folder.apply({}, { x: 1 }, meta('Hit'))).toEqual({ hits: 1 });
    expect(folder.apply({}, { type: 'Hit' }, meta('Other'))).toEqual({});
  });

  it('turns a rule failure into a FoldError naming the rule', () => {
    const folder = createRulesFolder(
      { typePath: 'type', byType: { A: [{ op: 'set', path: 'x', from: 'payload.missing' }] } },
      { field: 'type' },
    );
    expect(() => folder.apply({}, { type: 'A', payload: {} }, meta('A'))).toThrow(
      /rule 1 \(set\) of A: the event has no "payload.missing"/,
    );
  });
});

describe('the reducer fold', () => {
  it('gives the reducer copies and keeps only plain JSON objects', async () => {
    const original: State = { list: [1] };
    const folder = createReducerFolder('t', (state, value) => {
      (state.list as number[]).push(2);
      return { ...state, seen: value };
    });
    expect(await folder.apply(original, { v: 1 }, meta())).toEqual({ list: [1, 2], seen: { v: 1 } });
    expect(original).toEqual({ list: [1] });
    await expect(
      createReducerFolder('n', () => null as unknown as State).apply({}, {}, meta()),
    ).rejects.toThrow(/returned null/);
  });
});

describe('foldStep', () => {
  const folder = createRulesFolder(
    {
      typePath: 'type',
      byType: {
        Add: [{ op: 'append', path: 'items', from: 'item' }],
        Bad: [{ op: 'increment', path: 'items', by: 1 }],
      },
    },
    { field: 'type' },
  );

  it('reports the changes of a step, which rebuild the state when applied', async () => {
    const { state, step } = await foldStep(
      { items: ['a'] },
      event({ type: 'Add', item: 'b' }, { eventType: 'Add', offset: 5n }),
      folder,
      3,
    );
    expect(state).toEqual({ items: ['a', 'b'] });
    expect(step).toMatchObject({
      index: 3,
      offset: '5',
      eventType: 'Add',
      error: null,
      changes: [{ type: 'CREATE', path: ['items', 1], value: 'b' }],
    });
    expect(applyStateChanges({ items: ['a'] }, step.changes)).toEqual(state);
  });

  it('keeps the state of a failing step, shows the error, and the next step goes on', async () => {
    const first = await foldStep({ items: ['a'] }, event({ type: 'Bad' }), folder, 0);
    expect(first.state).toEqual({ items: ['a'] });
    expect(first.step.error).toMatch(/not a number/);
    expect(first.step.changes).toEqual([]);
    const second = await foldStep(first.state, event({ type: 'Add', item: 'c' }), folder, 1);
    expect(second.state).toEqual({ items: ['a', 'c'] });
  });

  it('fails a step whose event could not be decoded', async () => {
    const { step } = await foldStep(
      {},
      event(null, { decodeError: 'schema id 9 is not in the registry' }),
      folder,
      0,
    );
    expect(step.error).toMatch(/could not be decoded: schema id 9/);
  });
});
