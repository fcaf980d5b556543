import { describe, expect, it } from 'vitest';
import { addPoint, chartRows, LAG_WINDOW_MS, parseStoredPoints, type LagPoint } from './lag-history';

const at = (ms: number, total: number | null = 10): LagPoint => ({
  at: ms,
  total,
  byTopic: { orders: total },
});

describe('lag history', () => {
  it('keeps the samples of the window before the newest, in time order, one per instant', () => {
    const t = 1_700_000_000_000;
    let points: LagPoint[] = [];
    points = addPoint(points, at(t - LAG_WINDOW_MS - 1, 1));
    points = addPoint(points, at(t - 10_000, 2));
    points = addPoint(points, at(t, 3));
    points = addPoint(points, at(t - 5_000, 4));
    points = addPoint(points, at(t, 5));
    expect(points.map((p) => [p.at - t, p.total])).toEqual([
      [-10_000, 2],
      [-5_000, 4],
      [0, 5],
    ]);
  });

  it('bounds the stored samples', () => {
    let points: LagPoint[] = [];
    for (let i = 0; i < 1000; i++) points = addPoint(points, at(1_700_000_000_000 + i * 100));
    expect(points).toHaveLength(720);
    expect(points.at(-1)!.at).toBe(1_700_000_000_000 + 999 * 100);
  });

  it('reads back what it stored and nothing it cannot read', () => {
    const points = [at(1, 3), at(2, null)];
    expect(parseStoredPoints(JSON.stringify(points))).toEqual(points);
    expect(parseStoredPoints('not json')).toEqual([]);
    expect(parseStoredPoints('{"at":1}')).toEqual([]);
    expect(parseStoredPoints(JSON.stringify([{ at: 'x' }, at(5)]))).toEqual([at(5)]);
    expect(parseStoredPoints(null)).toEqual([]);
  });

  it('breaks the line where the page was closed between two samples', () => {
    const rows = chartRows([at(0, 1), at(5_000, 2), at(600_000, 3)]);
    expect(rows).toEqual([
      { at: 0, total: 1, 'topic:orders': 1 },
      { at: 5_000, total: 2, 'topic:orders': 2 },
      { at: 5_001, total: null },
      { at: 600_000, total: 3, 'topic:orders': 3 },
    ]);
  });
});
