import { describe, expect, it } from 'vitest';
import { acquireStreamSlot, MAX_STREAMS_PER_USER, releasingStream } from './handler';

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

describe('a download holding a stream slot', () => {
  const source = (chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });

  it('gives the slot back when read to the end, and passes every byte through', async () => {
    const releases = Array.from({ length: MAX_STREAMS_PER_USER }, () => acquireStreamSlot('cy'));
    const body = releasingStream(source(['{"a":1}\n', '{"a":2}\n']), releases[0]!);
    expect(() => acquireStreamSlot('cy')).toThrow(/already runs 6/);
    expect(await new Response(body).text()).toBe('{"a":1}\n{"a":2}\n');
    const next = acquireStreamSlot('cy');
    for (const release of [...releases.slice(1), next]) release();
  });

  it('gives the slot back when the browser cancels the download', async () => {
    const releases = Array.from({ length: MAX_STREAMS_PER_USER }, () => acquireStreamSlot('di'));
    const body = releasingStream(source(['x', 'y']), releases[0]!);
    await body.cancel();
    const next = acquireStreamSlot('di');
    for (const release of [...releases.slice(1), next]) release();
  });
});
