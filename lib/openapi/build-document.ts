import { z } from 'zod';
import type { ApiOperation } from '@/lib/schemas/api-spec';
import { errorStatus, type ErrorCode } from '@/lib/errors/app-error';
import { errorBodySchema } from '@/lib/schemas/error-body';

type JsonSchema = Record<string, unknown>;

/**
 * Schemas that zod emits as local definitions (recursive ones, such as a JSON value), moved to
 * `components.schemas`: a `#/definitions/...` reference inside a path's schema would point at
 * the document's root, where nothing is. Equal definitions share one component.
 */
class SharedDefinitions {
  readonly components: Record<string, JsonSchema> = {};
  private readonly byContent = new Map<string, string>();

  /** Moves the definitions of one schema out and rewrites its references to them. */
  hoist(json: JsonSchema): JsonSchema {
    const definitions = {
      ...((json.definitions ?? {}) as Record<string, JsonSchema>),
      ...((json.$defs ?? {}) as Record<string, JsonSchema>),
    };
    delete json.definitions;
    delete json.$defs;
    const names = Object.keys(definitions);
    if (names.length === 0) return json;
    const local = (name: string) =>
      new RegExp(`"#/(?:definitions|\\$defs)/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'g');
    // First name every definition by its content (references to siblings still local), then rewrite.
    const renamed = new Map<string, string>();
    for (const name of names) {
      const content = JSON.stringify(definitions[name]);
      let shared = this.byContent.get(content);
      if (!shared) {
        shared = this.byContent.size === 0 ? 'JsonValue' : `Shared${this.byContent.size}`;
        this.byContent.set(content, shared);
      }
      renamed.set(name, shared);
    }
    const rewrite = (value: JsonSchema): JsonSchema => {
      let text = JSON.stringify(value);
      for (const [name, shared] of renamed)
        text = text.replace(local(name), JSON.stringify(`#/components/schemas/${shared}`));
      return JSON.parse(text) as JsonSchema;
    };
    for (const name of names) this.components[renamed.get(name)!] ??= rewrite(definitions[name]!);
    return rewrite(json);
  }
}

function toSchema(schema: z.ZodType, io: 'input' | 'output', shared: SharedDefinitions): JsonSchema {
  // bigint offsets travel as strings; anything else not representable becomes {}.
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
  delete json.$schema;
  return shared.hoist(json);
}

function parameters(
  schema: z.ZodObject | undefined,
  where: 'path' | 'query',
  shared: SharedDefinitions,
): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input', shared) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function operation(op: ApiOperation, shared: SharedDefinitions): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  if (op.stream) {
    responses['200'] = {
      description: 'A stream of server-sent events, one JSON object per `data:` line',
      content: { 'text/event-stream': { schema: toSchema(op.stream, 'output', shared) } },
    };
  } else if (op.produces) {
    responses['200'] = {
      description: 'A download',
      content: { [op.produces]: { schema: { type: 'string' } } },
    };
  } else {
    responses['200'] = {
      description: 'Success',
      content: { 'application/json': { schema: op.response ? toSchema(op.response, 'output', shared) : {} } },
    };
  }
  const codes = new Set<ErrorCode>(['BAD_REQUEST', 'INTERNAL', ...(op.errors ?? [])]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const content = op.errorPage
      ? { 'text/html': { schema: { type: 'string' } } }
      : { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    responses[String(status)] = { description: list.join(', '), content };
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    parameters: [...parameters(op.params, 'path', shared), ...parameters(op.query, 'query', shared)],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(op.body, 'input', shared) } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.0 document of every registered operation. Pure: the same input, the same document. */
export function buildOpenApiDocument(
  operations: readonly ApiOperation[],
  info: { title: string; version: string },
): JsonSchema {
  const shared = new SharedDefinitions();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operation(op, shared);
  }
  return {
    openapi: '3.0.3',
    info: {
      ...info,
      description:
        'The API of the Event Store Console. Errors are always `{ "error": { "code", "message" } }`.',
    },
    paths,
    components: { schemas: { Error: toSchema(errorBodySchema, 'output', shared), ...shared.components } },
  };
}
