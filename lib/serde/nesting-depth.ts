/**
 * How deep decoded values may nest. A poison message of nested arrays (12 KB is enough for a
 * depth of 6,000) overflows the stack of JSON.stringify and of every recursive view, so a value
 * deeper than this is shown raw, as "too deep", and the rest of the page works. Real event
 * payloads nest a few levels; the limit leaves ample room.
 */
export const MAX_VALUE_DEPTH = 200;

/**
 * Whether a JSON-like value nests deeper than `max` arrays/objects. Iterative (an explicit
 * stack), so measuring a hostile value cannot overflow the call stack either; stops at the first
 * path that is too deep.
 */
export function nestsDeeperThan(value: unknown, max = MAX_VALUE_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
