import type { z } from 'zod';
import type { ErrorCode } from '@/lib/errors/app-error';

/**
 * The description of one API operation, next to the zod schemas the route validates with, so
 * that the OpenAPI document (`/api/openapi.json`) is generated from the very same schemas.
 * Each domain exports its list from `lib/schemas/<domain>.ts`; `lib/openapi` collects them.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/api/clusters/{cluster}/topics/{topic}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** JSON response body on success. */
  response?: z.ZodType;
  /** For server-sent-event streams: the schema of one event. */
  stream?: z.ZodType;
  /** Download formats other than JSON, e.g. `application/x-ndjson`. */
  produces?: string;
  /** Error codes this operation can answer with, besides the generic ones. */
  errors?: ErrorCode[];
  /** Errors answered as an HTML page rather than JSON: a browser navigation lands here, not a script. */
  errorPage?: true;
}

export function defineOperations(ops: ApiOperation[]): ApiOperation[] {
  return ops;
}
