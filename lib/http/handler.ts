import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError, toErrorBody } from './errors';
import { ConfigError } from '@/lib/config/load';

interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: NextRequest;
}

interface HandlerSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> {
  params?: P;
  query?: Q;
  /** A JSON request body (POST, PUT, DELETE); absent for GET. */
  body?: B;
  run: (input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<R>;
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

async function readJsonBody(request: NextRequest): Promise<unknown> {
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'the request body is not valid JSON');
  }
}

/** Validates path params, query string and (when a schema is given) the JSON body. */
async function parseInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: { params?: P; query?: Q; body?: B },
  request: NextRequest,
  context: { params: Promise<unknown> },
): Promise<HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>> {
  const rawParams = await context.params;
  const params = spec.params ? parseOrThrow(spec.params, rawParams, 'path') : (rawParams as z.infer<P>);
  const queryObject = Object.fromEntries(request.nextUrl.searchParams.entries());
  const query = spec.query ? parseOrThrow(spec.query, queryObject, 'query') : (queryObject as z.infer<Q>);
  const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request), 'body') : (undefined as z.infer<B>);
  return { params, query, body, request };
}

/**
 * Wraps a route: validates path params, query string and body, runs one domain call and
 * serialises its result as JSON.
 */
export function route<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUndefined, R = unknown>(
  spec: HandlerSpec<P, Q, B, R>,
) {
  return async (request: NextRequest, context: { params: Promise<unknown> }): Promise<NextResponse> => {
    const started = performance.now();
    try {
      const result = await spec.run(await parseInput(spec, request, context));
      // Server-Timing lets the benchmark (and the browser's devtools) see time spent in the handler.
      const timing = `app;dur=${(performance.now() - started).toFixed(1)}`;
      return NextResponse.json(result, { headers: { 'cache-control': 'no-store', 'server-timing': timing } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

interface StreamSpec<P extends z.ZodType, Q extends z.ZodType, E> {
  params?: P;
  query?: Q;
  /** The long operation: yields typed events, stops when `signal` aborts, cleans up in finally. */
  run: (input: HandlerInput<z.infer<P>, z.infer<Q>, undefined> & { signal: AbortSignal }) => AsyncGenerator<E>;
}

/**
 * Wraps a long operation as server-sent events. Each yielded value becomes one `data:` line of
 * JSON; a failure after the stream started becomes a final `{ type: 'error', error }` event.
 * Input errors are still plain JSON error responses, before any stream starts.
 */
export function streamRoute<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, E = unknown>(spec: StreamSpec<P, Q, E>) {
  return async (request: NextRequest, context: { params: Promise<unknown> }): Promise<Response> => {
    const signal = request.signal;
    let events: AsyncGenerator<E>;
    try {
      const input = await parseInput<P, Q, z.ZodUndefined>(spec, request, context);
      // Inside the try: a run that resolves its cluster eagerly (getCluster) throws here, and an
      // unknown cluster is then a 404 rather than a broken stream.
      events = spec.run({ ...input, body: undefined, signal });
    } catch (error) {
      return errorResponse(error);
    }
    const encoder = new TextEncoder();
    // Set when the browser goes away: an event that was being produced then has nowhere to go.
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await events.next();
          if (cancelled) return;
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
        } catch (error) {
          if (cancelled) return;
          const { body } = toErrorBody(error instanceof ConfigError ? new AppError('CONFIG_INVALID', error.message) : error);
          if (body.error.code === 'INTERNAL') console.error('unhandled error in stream', error);
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ type: 'error', error: body.error })}\n\n`));
          controller.close();
        }
      },
      async cancel() {
        // The browser went away: let the generator run its finally blocks.
        cancelled = true;
        await events.return(undefined as never);
      },
    });
    return new Response(stream, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive' },
    });
  };
}
