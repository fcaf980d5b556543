import { describe, expect, it } from 'vitest';
import { dryRunBodySchema } from '@/lib/schemas/dlq';
import { toAppError } from './errors';

describe('Kafka failures in words', () => {
  it('answers a topic name Kafka refuses as a bad request, not an internal error', () => {
    // The shape the client gives for a Metadata answer with error INVALID_TOPIC_EXCEPTION (found by the API fuzz run).
    const error = Object.assign(new Error('Received response with error while executing API Metadata(v12)'), {
      errors: [{ apiId: 'INVALID_TOPIC_EXCEPTION', apiCode: 17, message: 'invalid topic' }],
    });
    const mapped = toAppError(error, 'reading metadata of topic ".."');
    expect(mapped.code).toBe('BAD_REQUEST');
    expect(mapped.message).toBe(
      'reading metadata of topic ".." failed: Kafka does not allow this topic name',
    );
  });

  it('still calls an unrecognised failure internal', () => {
    expect(toAppError({ errors: [{ apiId: 'CLUSTER_AUTHORIZATION_FAILED' }] }, 'listing topics').code).toBe(
      'INTERNAL',
    );
  });
});

describe('dead-letter dry run body', () => {
  it('refuses a destination that is not a topic name before anything reaches Kafka', () => {
    expect(dryRunBodySchema.safeParse({ selection: {}, destination: ':' }).success).toBe(false);
    expect(dryRunBodySchema.safeParse({ selection: {}, destination: 'orders.retry' }).success).toBe(true);
  });
});
