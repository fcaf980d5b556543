import type { ValuePredicate } from '@/lib/messages/compile-filter';

const OP_TEXT: Record<string, string> = { '!=': '≠', '>=': '≥', '<=': '≤', startsWith: 'starts with' };

/**
 * The filters beyond the key (header, value conditions, expression) in one line, for the folded
 * filter panel: what is applied stays said while the panel leaves the screen to the rows.
 */
export function summarizeFilters(filters: {
  headerName?: string;
  headerValue?: string;
  predicates: ValuePredicate[];
  expr?: string;
}): string[] {
  const parts: string[] = [];
  if (filters.headerName)
    parts.push(
      filters.headerValue
        ? `header ${filters.headerName} = ${filters.headerValue}`
        : `header ${filters.headerName}`,
    );
  for (const p of filters.predicates) {
    if (!p.path.trim() && p.op !== 'exists') continue;
    const op = OP_TEXT[p.op] ?? p.op;
    parts.push(p.op === 'exists' ? `${p.path} exists` : `${p.path} ${op} ${p.value ?? ''}`.trim());
  }
  const expr = filters.expr?.trim().replace(/\s+/g, ' ');
  if (expr) parts.push(expr);
  return parts;
}
