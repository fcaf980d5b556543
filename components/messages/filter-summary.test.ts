import { describe, expect, it } from 'vitest';
import { summarizeFilters } from './filter-summary';

describe('summarizeFilters', () => {
  it('says nothing when only the key (or nothing) is filtered', () => {
    expect(summarizeFilters({ predicates: [] })).toEqual([]);
    expect(summarizeFilters({ predicates: [{ path: ' ', op: '=', value: '' }] })).toEqual([]);
  });

  it('names the header, each value condition and the expression on one line each', () => {
    expect(
      summarizeFilters({
        headerName: 'event-type',
        headerValue: 'OrderPaid',
        predicates: [
          { path: 'payload.amountCents', op: '>=', value: '10000' },
          { path: 'payload.coupon', op: 'exists' },
        ],
        expr: 'value.type == "OrderPaid"\n  and partition == 2',
      }),
    ).toEqual([
      'header event-type = OrderPaid',
      'payload.amountCents ≥ 10000',
      'payload.coupon exists',
      'value.type == "OrderPaid" and partition == 2',
    ]);
  });

  it('says a header without a value as the header alone', () => {
    expect(summarizeFilters({ headerName: 'x-trace', headerValue: '', predicates: [] })).toEqual([
      'header x-trace',
    ]);
  });
});
