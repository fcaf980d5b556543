import { describe, expect, it } from 'vitest';
import { acquireStreamSlot, MAX_STREAMS_PER_USER } from './handler';

describe('concurrent streams per user', () => {
  it('refuses one more than the limit until one ends, per user', () => {
    const releases = Array.from({ length: MAX_STREAMS_PER_USER }, () => acquireStreamSlot('ann'));
    expect(() => acquireStreamSlot('ann')).toThrow(expect.objectContaining({ code: 'TOO_MANY_STREAMS' }));
    // Someone else is not affected.
    const bob = acquireStreamSlot('bob');
    releases[0]!();
    releases[0]!(); // giving a slot back twice frees only one
    const again = acquireStreamSlot('ann');
    expect(() => acquireStreamSlot('ann')).toThrow(/already runs 6/);
    for (const release of [...releases.slice(1), again, bob]) release();
    expect(() => acquireStreamSlot('ann')()).not.toThrow();
  });
});
