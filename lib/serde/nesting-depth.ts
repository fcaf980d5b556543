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
  // Most values are shallow: a short recursion that allocates nothing says so, and only a value it
  // cannot vouch for is measured with the stack below (every decoded value of a scan is measured).
  if (fitsWithin(value, Math.min(max, SHORT_DEPTH))) return false;
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

/** How deep the allocation-free check may recurse. */
const SHORT_DEPTH = 16;

/** Whether a value nests no deeper than `levels` arrays/objects; recursion at most that deep. */
function fitsWithin(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!fitsWithin(value[i], levels - 1)) return false;
    return true;
  }
  for (const key in value) if (!fitsWithin((value as Record<string, unknown>)[key], levels - 1)) return false;
  return true;
}
