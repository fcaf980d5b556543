import { z } from 'zod';
import type { ApiOperation } from '@/lib/http/api-spec';
import { errorStatus, type ErrorCode } from '@/lib/http/errors';

const errorBody = z.object({ error: z.object({ code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]), message: z.string() }) });

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // bigint offsets travel as strings; anything else not representable becomes {}.
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function operation(op: ApiOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  if (op.stream) {
    responses['200'] = { description: 'A stream of server-sent events, one JSON object per `data:` line', content: { 'text/event-stream': { schema: toSchema(op.stream, 'output') } } };
  } else if (op.produces) {
    responses['200'] = { description: 'A download', content: { [op.produces]: { schema: { type: 'string' } } } };
  } else {
    responses['200'] = { description: 'Success', content: { 'application/json': { schema: op.response ? toSchema(op.response, 'output') : {} } } };
  }
  const codes = new Set<ErrorCode>(['BAD_REQUEST', 'INTERNAL', ...(op.errors ?? [])]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.0 document of every registered operation. Pure: the same input, the same document. */
export function buildOpenApiDocument(operations: readonly ApiOperation[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operation(op);
  }
  return {
    openapi: '3.0.3',
    info: { ...info, description: 'The API of the Event Store Console. Errors are always `{ "error": { "code", "message" } }`.' },
    paths,
    components: { schemas: { Error: toSchema(errorBody, 'output') } },
  };
}
