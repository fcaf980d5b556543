import {
  compatibilityPartitioner,
  defaultPartitioner,
  murmur2 as platformaticMurmur2,
} from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/demo/prng';
import { murmur2, partitionForKey, toPositive } from './murmur2';

// Expected values from Kafka's UtilsTest.testMurmur2 (the Java client's own test vectors) and
// librdkafka's rdmurmur2.c unit test, which checks compatibility with the Java client.
const javaVectors: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];
const librdkafkaVectors: [string, number][] = [
  ['kafka', 0xd067cf64 | 0],
  ['giberish123456789', 0x8f552b0c | 0],
  ['1234', 0x9fc97b14 | 0],
  ['234', 0xe7c009ca | 0],
  ['34', 0x873930da | 0],
  ['4', 0x5a4b5ca1 | 0],
  ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c | 0],
  ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377 | 0],
  ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e | 0],
  ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f | 0],
  ['', 0x106e08d9 | 0],
];

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('murmur2', () => {
  it.each([...javaVectors, ...librdkafkaVectors])('hashes %j like the Java client', (input, expected) => {
    expect(murmur2(utf8(input))).toBe(expected);
  });

  it('hashes arbitrary bytes (every tail length) like the platformatic port', () => {
    const rng = createRng('murmur2');
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.alloc(rng.int(0, 40));
      for (let j = 0; j < bytes.length; j++) bytes[j] = rng.int(0, 255);
      expect(murmur2(bytes)).toBe(platformaticMurmur2(bytes));
    }
  });
});

describe('partitionForKey', () => {
  it('clears the sign bit rather than taking the absolute value', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(partitionForKey('21', 6)).toBe((-973932308 & 0x7fffffff) % 6);
  });

  it('matches platformatic compatibilityPartitioner, not its defaultPartitioner', () => {
    let differs = 0;
    for (let n = 1; n <= 300; n++) {
      const key = Buffer.from(`order-${String(n).padStart(6, '0')}`);
      const compatible = compatibilityPartitioner({ topic: 't' }, key) % 6;
      expect(partitionForKey(key, 6)).toBe(compatible);
      if (defaultPartitioner({ topic: 't' }, key) % 6 !== compatible) differs++;
    }
    // Half the hashes are negative; for those the unsigned variant picks another partition.
    expect(differs).toBeGreaterThan(50);
  });

  it('rejects a partition count that is not a positive integer', () => {
    expect(() => partitionForKey('a', 0)).toThrow(RangeError);
  });
});
