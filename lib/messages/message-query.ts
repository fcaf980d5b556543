import { z } from 'zod';
import {
  messageExportQueryInput,
  messagePageQueryInput,
  messageSearchQueryInput,
  messageTailQueryInput,
  valuePredicateSchema,
  type StartMode,
} from '@/lib/schemas/messages';
import {
  compileMessageFilter,
  FilterSpecError,
  type CompiledFilter,
  type MessageFilterSpec,
} from './compile-filter';

/**
 * The message operations' query strings as the domain uses them: `lib/schemas/messages`
 * describes the parameters; here they become a start position, limits and one compiled filter.
 * Compiling while validating makes a bad expression a 400 with its position before any stream
 * starts.
 */

export interface ParsedMessageQuery {
  partition: number | 'all';
  start: StartMode | undefined;
  offset: bigint | undefined;
  timestamp: number | undefined;
  cursor: string | undefined;
  limit: number;
  maxScan: number;
  filter: CompiledFilter | null;
  filterSpec: MessageFilterSpec;
  isolation: 'read_committed' | 'read_uncommitted';
}

/** The validated query string, before its filters are compiled (the same fields in all four operations). */
type RawQuery = z.output<typeof messagePageQueryInput>;

const predicatesJson = z.array(valuePredicateSchema).max(50);

function toParsedQuery(q: RawQuery, ctx: z.RefinementCtx): ParsedMessageQuery {
  const spec: MessageFilterSpec = {};
  if (q.key) spec.key = { value: q.key, match: q.keyMatch };
  if (q.headerName) spec.header = { name: q.headerName, value: q.headerValue ?? '' };
  if (q.predicates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(q.predicates);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['predicates'], message: 'not JSON' });
      return z.NEVER;
    }
    const predicates = predicatesJson.safeParse(parsed);
    if (!predicates.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['predicates'],
        message: predicates.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return z.NEVER;
    }
    spec.predicates = predicates.data;
  }
  if (q.expr && q.expr.trim() !== '') spec.expression = q.expr;
  let filter: CompiledFilter | null;
  try {
    filter = compileMessageFilter(spec);
  } catch (error) {
    if (error instanceof FilterSpecError) {
      const path =
        error.field === 'expression'
          ? ['expr']
          : [
              'predicates',
              ...error.field
                .replace(/^predicates/, '')
                .split(/[[\].]+/)
                .filter(Boolean),
            ];
      ctx.addIssue({
        code: 'custom',
        path,
        message:
          error.position === undefined ? error.reason : `${error.reason} at position ${error.position}`,
      });
      return z.NEVER;
    }
    throw error;
  }
  return {
    partition: q.partition === 'all' ? 'all' : Number(q.partition),
    start: q.start,
    offset: q.offset === undefined ? undefined : BigInt(q.offset),
    timestamp: q.timestamp,
    cursor: q.cursor,
    limit: q.limit,
    maxScan: q.maxScan,
    filter,
    filterSpec: spec,
    isolation: q.isolation,
  };
}

/** GET .../messages: one page. */
export const messagePageQuery = messagePageQueryInput.transform(toParsedQuery);
/** GET .../messages/search: matches stream as they are found. */
export const messageSearchQuery = messageSearchQueryInput.transform(toParsedQuery);
/** GET .../messages/export: NDJSON of what a search finds. */
export const messageExportQuery = messageExportQueryInput.transform(toParsedQuery);
/** GET .../messages/tail: from the end, live. */
export const messageTailQuery = messageTailQueryInput.transform(toParsedQuery);
