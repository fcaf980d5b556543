import { describe, expect, it } from 'vitest';
import { AppError, toErrorBody } from './app-error';

describe('AppError', () => {
  it('is recognised even when made by another copy of the module', () => {
    // What a second module instance would produce: an Error carrying the shared brand.
    const foreign = Object.assign(new Error('x'), {
      code: 'UNKNOWN_TOPIC',
      [Symbol.for('event-store-console.AppError')]: true,
    });
    expect(foreign instanceof AppError).toBe(true);
    expect(new Error('plain') instanceof AppError).toBe(false);
    expect(new AppError('UNKNOWN_TOPIC', 'gone') instanceof AppError).toBe(true);
  });

  it('turns unknown errors into a generic 500 without internals', () => {
    expect(toErrorBody(new Error('secret stack'))).toEqual({
      status: 500,
      body: {
        error: { code: 'INTERNAL', message: 'the console hit an unexpected error; see the server log' },
      },
    });
    expect(toErrorBody(new AppError('READ_ONLY', 'no'))).toEqual({
      status: 403,
      body: { error: { code: 'READ_ONLY', message: 'no' } },
    });
  });
});
