import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError, toErrorBody } from './errors';
import { ConfigError } from '@/lib/config/load';

interface HandlerInput<P, Q> {
  params: P;
  query: Q;
  request: NextRequest;
}

interface HandlerSpec<P extends z.ZodType, Q extends z.ZodType, R> {
  params?: P;
  query?: Q;
  run: (input: HandlerInput<z.infer<P>, z.infer<Q>>) => Promise<R>;
}

function describeZod(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('BAD_REQUEST', `invalid ${what}: ${describeZod(result.error)}`);
  return result.data;
}

/** Turns anything thrown into the `{ error: { code, message } }` body; internals only go to the log. */
export function errorResponse(error: unknown): NextResponse {
  let err = error;
  if (err instanceof ConfigError) err = new AppError('CONFIG_INVALID', err.message);
  const { status, body } = toErrorBody(err);
  if (status === 500 && body.error.code === 'INTERNAL') console.error('unhandled error in route handler', error);
  return NextResponse.json(body, { status });
}

/**
 * Wraps a GET-style route: validates path params and query string, runs one domain call and
 * serialises its result as JSON.
 */
export function route<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, R = unknown>(
  spec: HandlerSpec<P, Q, R>,
) {
  return async (request: NextRequest, context: { params: Promise<unknown> }): Promise<NextResponse> => {
    try {
      const rawParams = await context.params;
      const params = spec.params ? parseOrThrow(spec.params, rawParams, 'path') : (rawParams as z.infer<P>);
      const queryObject = Object.fromEntries(request.nextUrl.searchParams.entries());
      const query = spec.query ? parseOrThrow(spec.query, queryObject, 'query') : (queryObject as z.infer<Q>);
      const result = await spec.run({ params, query, request });
      return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
