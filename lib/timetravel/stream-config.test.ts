import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleConfigSchema } from '@/lib/config/schema';
import { orderFoldRules } from '@/lib/demo';
import { parseFoldRuleSet } from '@/lib/fold-rules/rules';

const base = { id: 'c', bootstrapServers: ['h:9092'] };
const parse = (stream: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  consoleConfigSchema.safeParse({
    clusters: [{ ...base, ...extra, streams: [{ id: 's', topic: 't', ...stream }] }],
  });

describe('the streams section of the configuration', () => {
  it('declares the demo orders stream with the demo fold rules and snapshot topic, as data', () => {
    for (const file of ['console.config.json', 'e2e/console.e2e.json']) {
      const config = consoleConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      const orders = config.clusters.find((c) => c.id === 'local')!.streams!.find((s) => s.id === 'orders')!;
      expect(orders).toMatchObject({
        topic: 'orders',
        aggregateIdFrom: 'key',
        partitioner: 'murmur2',
        snapshotTopic: 'orders-snapshots',
      });
      expect(parseFoldRuleSet(orders.foldRules)).toEqual(orderFoldRules);
    }
  });

  it('fills the defaults: key, field "type", murmur2', () => {
    const result = parse({});
    expect(result.success && result.data.clusters[0]!.streams![0]).toMatchObject({
      aggregateIdFrom: 'key',
      eventTypeFrom: { field: 'type' },
      partitioner: 'murmur2',
    });
  });

  it('refuses invalid rules, reducer names with paths, both a reducer and rules, and unknown partitioners', () => {
    expect(parse({ foldRules: { byType: { A: [{ op: 'eval', path: 'x', value: 1 }] } } }).success).toBe(
      false,
    );
    expect(parse({ reducerModule: '../evil' }).success).toBe(false);
    expect(parse({ reducerModule: 'Evil.js' }).success).toBe(false);
    expect(parse({ reducerModule: 'orders', foldRules: { byType: {} } }).success).toBe(false);
    expect(parse({ partitioner: 'random' }).success).toBe(false);
    expect(parse({ aggregateIdFrom: { field: '__proto__.x' } }).success).toBe(false);
    expect(parse({ reducerModule: 'order-reducer' }, { reducerDir: '/srv/reducers' }).success).toBe(true);
  });
});
