import { describe, expect, it } from 'vitest';
import { applyFoldRules, type FoldState } from '@/lib/fold-rules/apply-fold-rules';
import { parseFoldRuleSet } from '@/lib/fold-rules/rules';
import { orderFoldRules } from './fold-rules';
import { generateOrderEvents, groupEventsByOrder, orderStatesAfterEach } from './generate-order-events';
import { decodeOrderEvent, encodeOrderEvent } from './order-avro';
import { toOrderEventRecord, type DemoOrderEvent } from './order-model';

const events = generateOrderEvents({ seed: 42, events: 5_000 });
const byOrder = groupEventsByOrder(events);

function foldAll(list: readonly DemoOrderEvent[], read: (e: DemoOrderEvent) => unknown): FoldState[] {
  const states: FoldState[] = [];
  let state: FoldState = {};
  for (const e of list) states.push((state = applyFoldRules(state, read(e), orderFoldRules)));
  return states;
}

describe('orderFoldRules', () => {
  it('is a valid rule set for configuration', () => {
    expect(parseFoldRuleSet(JSON.parse(JSON.stringify(orderFoldRules)))).toEqual(orderFoldRules);
  });

  it('gives the same state as the generator model after every event of every order', () => {
    for (const list of byOrder.values()) {
      expect(foldAll(list, toOrderEventRecord)).toEqual(orderStatesAfterEach(list));
    }
  });

  it('gives the same states when the events go through Avro with their writer version and back', () => {
    for (const list of byOrder.values()) {
      const decoded = foldAll(list, (e) => {
        const back = decodeOrderEvent(
          encodeOrderEvent(toOrderEventRecord(e), e.schemaVersion),
          e.schemaVersion,
        );
        expect(back).toEqual(toOrderEventRecord(e));
        return back;
      });
      expect(decoded).toEqual(orderStatesAfterEach(list));
    }
  });
});
