import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventSpill } from './event-spill';
import { createRng } from './prng';

interface Item {
  occurredAt: number;
  id: number;
}
const byTime = (a: Item, b: Item) => a.occurredAt - b.occurredAt || a.id - b.id;

describe('EventSpill', () => {
  it('releases what it was given in order, through its files, and removes them', () => {
    const rng = createRng('spill');
    // Items arrive in batches that start later and later, each reaching up to a day ahead, as
    // orders do: released up to each batch's start, then all.
    const spill = new EventSpill<Item>(byTime, {
      start: 0,
      span: 10 * 86_400_000,
      events: 20_000,
      eventsPerSlice: 200,
    });
    const given: Item[] = [];
    const released: Item[] = [];
    let id = 0;
    for (let start = 0; start < 9 * 86_400_000; start += rng.int(1, 3_600_000)) {
      released.push(...spill.releaseBefore(start));
      for (let k = 0; k < 7; k++) {
        const item = { occurredAt: start + rng.int(0, 86_400_000), id: id++ };
        given.push(item);
        spill.add(item);
      }
    }
    const dir = spill.directory;
    released.push(...spill.releaseBefore(Number.POSITIVE_INFINITY));
    spill.close();
    expect(spill.spilled).toBeGreaterThan(0);
    expect(dir && existsSync(dir)).toBe(false);
    expect(released).toEqual([...given].sort(byTime));
  });
});
