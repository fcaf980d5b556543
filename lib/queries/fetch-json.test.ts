import { describe, expect, it } from 'vitest';
import { ApiError, errorCode, errorFromResponse } from './api-error';
import { clusterApi, withQuery } from './fetch-json';
import { parseEventBlocks } from './use-event-stream';

describe('paths and query strings of the API', () => {
  it('encodes every segment of a cluster-scoped path', () => {
    expect(clusterApi('local')).toBe('/api/clusters/local');
    expect(clusterApi('local', 'groups', 'orders/projection v2', 'reset-offsets')).toBe(
      '/api/clusters/local/groups/orders%2Fprojection%20v2/reset-offsets',
    );
  });

  it('leaves out parameters without a value', () => {
    expect(
      withQuery('/x', {
        q: '',
        internal: false,
        system: true,
        id: 'order 1',
        n: 0,
        none: undefined,
        nil: null,
      }),
    ).toBe('/x?system=true&id=order+1&n=0');
    expect(withQuery('/x', { internal: false })).toBe('/x');
  });
});

describe('the one parser of error bodies', () => {
  it('reads the code and sentence of an error body', async () => {
    const error = await errorFromResponse(
      new Response(
        JSON.stringify({ error: { code: 'UNKNOWN_TOPIC', message: 'topic "x" does not exist' } }),
        { status: 404 },
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect([error.code, error.message, error.status]).toEqual([
      'UNKNOWN_TOPIC',
      'topic "x" does not exist',
      404,
    ]);
    expect(errorCode(error)).toBe('UNKNOWN_TOPIC');
  });

  it('says what happened when the body is not an error body', async () => {
    const error = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect([error.code, error.message, error.status]).toEqual(['INTERNAL', 'the console answered 502', 502]);
    expect(errorCode(new Error('plain'))).toBe('INTERNAL');
    expect(errorCode(null)).toBe('INTERNAL');
  });
});

describe('reading server-sent events', () => {
  it('parses the complete blocks and keeps the rest for the next chunk', () => {
    const first = parseEventBlocks(
      'data: {"type":"phase"}\n\ndata: {"type":"progress","scanned":1}\n\ndata: {"type":"mess',
    );
    expect(first.events).toEqual([{ type: 'phase' }, { type: 'progress', scanned: 1 }]);
    const second = parseEventBlocks(`${first.rest}age"}\n\n`);
    expect(second).toEqual({ events: [{ type: 'message' }], rest: '' });
  });

  it('joins a data field split over lines and skips comments and other fields', () => {
    expect(parseEventBlocks(': keep-alive\n\nevent: x\ndata: [1,\ndata: 2]\n\n').events).toEqual([[1, 2]]);
  });
});
