import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError, toErrorBody } from '@/lib/errors/app-error';
import { principalFromRequest } from '@/lib/auth/current-principal';
import type { Principal } from '@/lib/auth/roles';
import { getCluster, type ClusterConfig } from '@/lib/config';
import { ConfigError } from '@/lib/config/load';
import { runAs } from '@/lib/auth/request-context';
import { assertClusterWritable, assertJsonBody, assertRole, assertSameOriginWrite } from './write-rules';
import { assertTopicWritable } from '@/lib/topics/assert-topic-writable';

interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: NextRequest;
  /**
   * The cluster named by the `{cluster}` path parameter, resolved once by the wrapper (an unknown
   * one is a 404 before the route runs). Reading it in a route without that parameter is a bug.
   */
  readonly cluster: ClusterConfig;
}

/**
 * Whether a route changes anything, and who may: 'operator' or 'admin' for a write, false for a
 * POST that only reads (a preview). Every route answering POST, PUT, PATCH or DELETE must say
 * (a unit test checks the route files, and the wrapper refuses an undeclared one). For writes
 * the wrapper checks the Host, the origin, JSON content type, the cluster's read-only flag, the
 * caller's role on that cluster and internal topics named in the path, and runs the domain call
 * as the caller, so the audit trail records who did it.
 */
export type WriteDeclaration = 'operator' | 'admin' | false;

interface HandlerSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> {
  params?: P;
  query?: Q;
  /** A JSON request body (POST, PUT, DELETE); absent for GET. */
  body?: B;
  /** Required for POST, PUT, PATCH and DELETE routes; see WriteDeclaration. */
  write?: WriteDeclaration;
  /** Answers without sign-in (the sign-in route itself, liveness). */
  public?: true;
  run: (input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<R>;
}

/** Request bodies larger than this are refused while being read, before they are buffered whole. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller, or a 401 for routes that need one. */
function requirePrincipal(request: NextRequest, isPublic: boolean | undefined): Principal {
  // Public routes never read the configuration: the OpenAPI document is rendered at build time.
  if (isPublic) return { name: 'anonymous', role: 'viewer', clusterRoles: {}, authenticated: false };
  const principal = principalFromRequest(request);
  if (principal) return principal;
  throw new AppError('UNAUTHENTICATED', 'sign in to use the console');
}

/** The rules a state-changing request obeys before its input is even parsed. */
function checkStateChangingRequest(
  request: NextRequest,
  write: WriteDeclaration | undefined,
  hasBody: boolean,
): void {
  if (READ_METHODS.has(request.method)) return;
  // Fail closed: a route that does not say whether it writes is treated as a mistake, not a read.
  if (write === undefined)
    throw new AppError('INTERNAL', `this ${request.method} route does not declare whether it writes`);
  assertSameOriginWrite(request);
  if (hasBody) assertJsonBody(request);
}

/** Read-only cluster, role, and an internal topic in the path, for a declared write. */
function checkWrite(
  principal: Principal,
  write: WriteDeclaration | undefined,
  params: unknown,
  cluster: ClusterConfig | undefined,
): void {
  if (!write) return;
  const { topic } = (params ?? {}) as { topic?: unknown };
  assertRole(principal, cluster, write);
  if (!cluster) return;
  assertClusterWritable(cluster);
  if (typeof topic === 'string') assertTopicWritable(cluster, topic, principal);
}

function describeZod(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
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
  if (status === 500 && body.error.code === 'INTERNAL')
    console.error('unhandled error in route handler', error);
  return NextResponse.json(body, { status });
}

/** Reads the body up to MAX_BODY_BYTES, stopping (and refusing) as soon as it is larger. */
async function readBodyText(request: NextRequest): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function bodyTooLarge(): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MiB`,
  );
}

async function readJsonBody(request: NextRequest): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'the request body is not valid JSON');
  }
}

/**
 * Validates path params, query string and (when a schema is given) the JSON body, and resolves
 * the cluster of the path once: a well-formed but unknown cluster is 404 UNKNOWN_CLUSTER whatever
 * is wrong with the query or the body.
 */
async function parseInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: { params?: P; query?: Q; body?: B },
  request: NextRequest,
  context: { params: Promise<unknown> },
): Promise<{ input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>; cluster: ClusterConfig | undefined }> {
  const rawParams = await context.params;
  const params = spec.params ? parseOrThrow(spec.params, rawParams, 'path') : (rawParams as z.infer<P>);
  const clusterId = (params as { cluster?: unknown } | undefined)?.cluster;
  const cluster = typeof clusterId === 'string' ? getCluster(clusterId) : undefined;
  const queryObject = Object.fromEntries(request.nextUrl.searchParams.entries());
  const query = spec.query ? parseOrThrow(spec.query, queryObject, 'query') : (queryObject as z.infer<Q>);
  const body = spec.body
    ? parseOrThrow(spec.body, await readJsonBody(request), 'body')
    : (undefined as z.infer<B>);
  const input = {
    params,
    query,
    body,
    request,
    get cluster(): ClusterConfig {
      if (!cluster) throw new AppError('INTERNAL', 'this route has no {cluster} in its path');
      return cluster;
    },
  };
  return { input, cluster };
}

/**
 * Wraps a route: validates path params, query string and body, runs one domain call and
 * serialises its result as JSON.
 */
export function route<
  P extends z.ZodType = z.ZodObject,
  Q extends z.ZodType = z.ZodObject,
  B extends z.ZodType = z.ZodUndefined,
  R = unknown,
>(spec: HandlerSpec<P, Q, B, R>) {
  return async (request: NextRequest, context: { params: Promise<unknown> }): Promise<NextResponse> => {
    const started = performance.now();
    try {
      const principal = requirePrincipal(request, spec.public);
      checkStateChangingRequest(request, spec.write, spec.body !== undefined);
      const { input, cluster } = await parseInput(spec, request, context);
      checkWrite(principal, spec.write, input.params, cluster);
      const result = await runAs(principal, () => spec.run(input));
      // Server-Timing lets the benchmark (and the browser's devtools) see time spent in the handler.
      const timing = `app;dur=${(performance.now() - started).toFixed(1)}`;
      return NextResponse.json(result, { headers: { 'cache-control': 'no-store', 'server-timing': timing } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Long reads (search, tail, replay) hold Kafka connections and CPU for as long as they run; one
 * user may run this many at once (a few tabs), and the next is refused until one ends.
 */
export const MAX_STREAMS_PER_USER = 6;
const openStreams = new Map<string, number>();

/** Takes one of the user's stream slots; the returned function gives it back (once, however often called). */
export function acquireStreamSlot(user: string): () => void {
  const open = openStreams.get(user) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) {
    throw new AppError(
      'TOO_MANY_STREAMS',
      `${user} already runs ${open} searches, tails or replays; stop one (or close a tab) and try again`,
    );
  }
  openStreams.set(user, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(user) ?? 1) - 1;
    if (left > 0) openStreams.set(user, left);
    else openStreams.delete(user);
  };
}

/**
 * The stream slot of the signed-in caller of a long read that does not go through `streamRoute`
 * (the NDJSON export): a 401 without a session, TOO_MANY_STREAMS when all are taken.
 */
export function acquireRequestStreamSlot(request: NextRequest): () => void {
  return acquireStreamSlot(requirePrincipal(request, undefined).name);
}

/** `body` that gives the slot back once it is read to the end, fails, or is cancelled. */
export function releasingStream(
  body: ReadableStream<Uint8Array>,
  release: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          release();
          controller.close();
        } else controller.enqueue(next.value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
}

interface StreamSpec<P extends z.ZodType, Q extends z.ZodType, E> {
  params?: P;
  query?: Q;
  /** The long operation: yields typed events, stops when `signal` aborts, cleans up in finally. */
  run: (
    input: HandlerInput<z.infer<P>, z.infer<Q>, undefined> & { signal: AbortSignal },
  ) => AsyncGenerator<E>;
}

/**
 * Wraps a long operation as server-sent events. Each yielded value becomes one `data:` line of
 * JSON; a failure after the stream started becomes a final `{ type: 'error', error }` event.
 * Input errors are still plain JSON error responses, before any stream starts.
 */
export function streamRoute<
  P extends z.ZodType = z.ZodObject,
  Q extends z.ZodType = z.ZodObject,
  E = unknown,
>(spec: StreamSpec<P, Q, E>) {
  return async (request: NextRequest, context: { params: Promise<unknown> }): Promise<Response> => {
    const signal = request.signal;
    let events: AsyncGenerator<E>;
    let release: () => void;
    try {
      const principal = requirePrincipal(request, undefined);
      const { input } = await parseInput<P, Q, z.ZodUndefined>(spec, request, context);
      release = acquireStreamSlot(principal.name);
      try {
        // Inside the try: a run that throws before its first event is an error response, not a
        // broken stream.
        // Assign rather than spread: spreading would read (and so demand) the cluster getter.
        events = spec.run(Object.assign(input, { body: undefined, signal }));
      } catch (error) {
        release();
        throw error;
      }
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
            release();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
        } catch (error) {
          release();
          if (cancelled) return;
          const { body } = toErrorBody(
            error instanceof ConfigError ? new AppError('CONFIG_INVALID', error.message) : error,
          );
          if (body.error.code === 'INTERNAL') console.error('unhandled error in stream', error);
          controller.enqueue(
            encoder.encode(`data: ${JSON.stringify({ type: 'error', error: body.error })}\n\n`),
          );
          controller.close();
        }
      },
      async cancel() {
        // The browser went away: let the generator run its finally blocks.
        cancelled = true;
        release();
        await events.return(undefined as never);
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
      },
    });
  };
}
