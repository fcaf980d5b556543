import { describe, expect, it } from 'vitest';
import { buildResetRequest, type ResetForm } from './reset-form';

const form: ResetForm = {
  scope: 'all',
  topic: '',
  partitions: '',
  strategy: 'earliest',
  timestamp: '',
  shift: '',
  offsets: '',
};

describe('buildResetRequest', () => {
  it('builds each scope', () => {
    expect(buildResetRequest(form)).toEqual({
      ok: true,
      body: { scope: { kind: 'all' }, strategy: { kind: 'earliest' } },
    });
    expect(buildResetRequest({ ...form, scope: 'topic', topic: ' payments ' })).toEqual({
      ok: true,
      body: { scope: { kind: 'topic', topic: 'payments' }, strategy: { kind: 'earliest' } },
    });
    expect(
      buildResetRequest({ ...form, scope: 'partitions', topic: 'orders', partitions: '3, 0-1' }),
    ).toMatchObject({ body: { scope: { kind: 'partitions', topic: 'orders', partitions: [0, 1, 3] } } });
    expect(buildResetRequest({ ...form, scope: 'topic' })).toEqual({ ok: false, message: 'choose a topic' });
    expect(
      buildResetRequest({ ...form, scope: 'partitions', topic: 'orders', partitions: 'x' }),
    ).toMatchObject({ ok: false });
  });

  it('builds each strategy and says what is wrong with the input', () => {
    // Read as UTC whatever the browser's zone, typed or pasted as ISO text.
    for (const text of ['2026-01-02 03:04:05', '2026-01-02T03:04:05Z', '2026-01-02T04:04:05+01:00'])
      expect(buildResetRequest({ ...form, strategy: 'timestamp', timestamp: text })).toMatchObject({
        body: { strategy: { kind: 'timestamp', timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) } },
      });
    expect(buildResetRequest({ ...form, strategy: 'timestamp', timestamp: 'noon' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('UTC'),
    });
    expect(buildResetRequest({ ...form, strategy: 'timestamp' })).toEqual({
      ok: false,
      message: 'choose a date and time',
    });
    expect(buildResetRequest({ ...form, strategy: 'shift', shift: '-100' })).toMatchObject({
      body: { strategy: { kind: 'shift', by: '-100' } },
    });
    expect(buildResetRequest({ ...form, strategy: 'shift', shift: '1.5' })).toMatchObject({ ok: false });
    expect(buildResetRequest({ ...form, strategy: 'latest' })).toMatchObject({
      body: { strategy: { kind: 'latest' } },
    });
  });

  it('explicit offsets make their own scope of one topic', () => {
    expect(
      buildResetRequest({ ...form, strategy: 'explicit', topic: 'orders', offsets: '0=5, 2=7' }),
    ).toEqual({
      ok: true,
      body: {
        scope: { kind: 'partitions', topic: 'orders', partitions: [0, 2] },
        strategy: {
          kind: 'explicit',
          offsets: [
            { topic: 'orders', partition: 0, offset: '5' },
            { topic: 'orders', partition: 2, offset: '7' },
          ],
        },
      },
    });
    expect(buildResetRequest({ ...form, strategy: 'explicit', offsets: '0=5' })).toMatchObject({ ok: false });
    expect(
      buildResetRequest({ ...form, strategy: 'explicit', topic: 'orders', offsets: 'five' }),
    ).toMatchObject({ ok: false });
  });
});
