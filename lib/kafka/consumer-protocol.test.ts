import { describe, expect, it } from 'vitest';
import { decodeConsumerAssignment, decodeConsumerSubscription } from './consumer-protocol';

const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const str = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);

describe('consumer protocol of classic groups', () => {
  it('decodes an assignment (version, topics with partitions, user data)', () => {
    const bytes = Buffer.concat([
      int16(3),
      int32(2),
      str('orders'),
      int32(2),
      int32(0),
      int32(2),
      str('payments'),
      int32(1),
      int32(1),
      int32(-1),
    ]);
    expect(decodeConsumerAssignment(bytes)).toEqual([
      { topic: 'orders', partitions: [0, 2] },
      { topic: 'payments', partitions: [1] },
    ]);
  });

  it('decodes the subscribed topics of a member', () => {
    const bytes = Buffer.concat([int16(1), int32(2), str('orders'), str('payments'), int32(-1), int32(0)]);
    expect(decodeConsumerSubscription(bytes)).toEqual(['orders', 'payments']);
  });

  it('says null for empty or foreign data (e.g. a Kafka Connect member)', () => {
    expect(decodeConsumerAssignment(Buffer.alloc(0))).toBeNull();
    expect(decodeConsumerAssignment(null)).toBeNull();
    // Connect's assignment starts with version, error, leader url: not an array of topics.
    const connect = Buffer.concat([int16(1), int16(0), str('http://worker-1:8083/'), Buffer.from('tail')]);
    expect(decodeConsumerAssignment(connect)).toBeNull();
    expect(decodeConsumerSubscription(Buffer.concat([int16(0), str('http://worker-1:8083/')]))).toBeNull();
  });
});
