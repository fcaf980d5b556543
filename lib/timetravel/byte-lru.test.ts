import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru';

describe('ByteLru', () => {
  it('drops the least recently used entries once the bytes exceed the bound', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A'); // a is now newer than b
    lru.set('c', 'C', 40);
    expect(lru.keys()).toEqual(['a', 'c']);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.bytes).toBe(80);
  });

  it('never holds more than its bound, whatever the order of sizes', () => {
    const lru = new ByteLru<number>(1000);
    for (let i = 0; i < 500; i++) {
      lru.set(`k${i % 37}`, i, (i * 7919) % 400);
      expect(lru.bytes).toBeLessThanOrEqual(1000);
    }
    expect(lru.size).toBeGreaterThan(0);
  });

  it('refuses a value larger than the bound and forgets an older value of that key', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'small', 10);
    expect(lru.set('a', 'huge', 101)).toBe(false);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it('says whether a key is kept without making it more recent', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 50);
    lru.set('b', 'B', 50);
    expect(lru.has('a')).toBe(true);
    lru.set('c', 'C', 50);
    expect(lru.has('a')).toBe(false);
    expect(lru.keys()).toEqual(['b', 'c']);
  });

  it('replacing a key counts its new size only', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'one', 60);
    lru.set('a', 'two', 30);
    expect(lru.bytes).toBe(30);
    expect(lru.get('a')).toBe('two');
  });
});
