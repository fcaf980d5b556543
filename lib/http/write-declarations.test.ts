import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every route that answers POST, PUT, PATCH or DELETE goes through the route wrapper and says
 * whether it writes (`write: 'operator' | 'admin'`) or only reads (`write: false`), so that the
 * wrapper applies the rules of a write (origin, role, read-only, internal topics, audit actor).
 * A new write route that forgets fails here, before it can be reached.
 */

const apiRoot = path.resolve(__dirname, '../../app/api');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === 'route.ts' ? [full] : [];
  });
}

/** The text of the object literal passed to `route(` starting at `from`, by brace matching. */
function specText(source: string, from: number): string {
  const open = source.indexOf('{', from);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open, i + 1);
  }
  return '';
}

/** The keys of an object literal's own level: nested objects and calls are blanked out. */
function topLevel(spec: string): string {
  let depth = 0;
  let out = '';
  for (const c of spec) {
    if (c === '{' || c === '(') depth++;
    if (depth <= 1) out += c;
    if (c === '}' || c === ')') depth--;
  }
  return out.slice(1, -1);
}

/** Each state-changing handler of a route file, with what is wrong with it (null when fine). */
export function checkRouteSource(source: string): { method: string; problem: string | null }[] {
  const out: { method: string; problem: string | null }[] = [];
  const exported = /export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g;
  for (let m = exported.exec(source); m; m = exported.exec(source)) {
    const method = m[1]!;
    const wrapped = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*route\\s*\\(`).exec(source);
    if (!wrapped) {
      out.push({ method, problem: 'does not use route() from lib/http/handler, so no write rules apply' });
      continue;
    }
    const spec = topLevel(specText(source, wrapped.index + wrapped[0].length - 1));
    const declared = /(^|[{,\s])write:\s*('operator'|'admin'|false)\s*(,|$)/m.test(spec);
    out.push({ method, problem: declared ? null : "does not declare write: 'operator' | 'admin' | false" });
  }
  return out;
}

describe('write routes declare themselves', () => {
  const files = routeFiles(apiRoot);

  it('finds the API routes', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every POST, PUT, PATCH and DELETE route declares whether it writes', () => {
    const problems = files.flatMap((file) =>
      checkRouteSource(readFileSync(file, 'utf8'))
        .filter((c) => c.problem)
        .map((c) => `${path.relative(apiRoot, file)} ${c.method} ${c.problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('the check itself catches an undeclared write and an unwrapped handler', () => {
    expect(
      checkRouteSource(
        "export const POST = route({\n  params: p,\n  run: () => x({ write: 'admin' }),\n});",
      )[0]!.problem,
    ).toMatch(/does not declare/);
    expect(checkRouteSource('export async function DELETE() { return new Response(); }')[0]!.problem).toMatch(
      /does not use route/,
    );
    expect(
      checkRouteSource("export const PUT = route({\n  write: 'admin',\n  run: () => x(),\n});")[0]!.problem,
    ).toBeNull();
    expect(checkRouteSource('export const GET = route({ run: () => x() });')).toEqual([]);
  });
});
