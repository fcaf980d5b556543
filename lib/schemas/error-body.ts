import { z } from 'zod';
import { errorStatus, type ErrorCode } from '@/lib/errors/app-error';

/**
 * The one error shape of the API: a JSON error response is `{ error: { code, message } }`, and a
 * stream (search, tail, replay, redrive) ends a failure with an event `{ type: 'error', error }`.
 */
export const apiErrorSchema = z.object({
  code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
});

export const errorBodySchema = z.object({ error: apiErrorSchema });
