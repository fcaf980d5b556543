import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './build-document';
import { allOperations } from './operations';

const apiDir = path.resolve(__dirname, '../../app/api');

/** Every app/api/**\/route.ts as an OpenAPI path with its exported methods. */
function routeFiles(dir = apiDir): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (entry === 'route.ts') {
      const rel = path
        .relative(apiDir, dir)
        .split(path.sep)
        .map((s) => s.replace(/^\[(.+)\]$/, '{$1}'));
      const source = readFileSync(full, 'utf8');
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
        m[1]!.toLowerCase(),
      );
      out.push({ path: `/api/${rel.join('/')}`.replace(/\/$/, ''), methods });
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument(allOperations, { title: 't', version: '1' }) as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>
    >;
  };

  it('describes every API route and method the app serves (besides itself and health)', () => {
    const missing = routeFiles()
      .filter((r) => r.path !== '/api/openapi.json' && r.path !== '/api/health')
      .flatMap((r) =>
        r.methods.filter((m) => !doc.paths[r.path]?.[m]).map((m) => `${m.toUpperCase()} ${r.path}`),
      );
    expect(missing).toEqual([]);
  });

  it("documents the single sign-on callback's errors as the HTML page it answers, and its 404 when sign-on is off", () => {
    const responses = doc.paths['/api/auth/oidc/callback']!.get!.responses as Record<
      string,
      { content: Record<string, unknown> }
    >;
    expect(Object.keys(responses['404']!.content)).toEqual(['text/html']);
    expect(
      Object.keys(
        (
          doc.paths['/api/clusters/{cluster}/overview']!.get!.responses['404'] as {
            content: Record<string, unknown>;
          }
        ).content,
      ),
    ).toEqual(['application/json']);
  });

  it('gives path parameters, success schemas and the shared error body', () => {
    const op = doc.paths['/api/clusters/{cluster}/overview']!.get!;
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'cluster', in: 'path' }));
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '500']));
    expect(doc.openapi).toBe('3.0.3');
  });

  it('is a valid OpenAPI document whose every $ref resolves', async () => {
    const fresh = buildOpenApiDocument(allOperations, { title: 't', version: '1' });
    const refs = JSON.stringify(fresh).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !r.includes('#/components/schemas/'))).toEqual([]);
    // The validator checks the document against the OpenAPI 3.0 schema and dereferences every $ref.
    const api = (await SwaggerParser.validate(structuredClone(fresh) as never)) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(api.paths)).toEqual(Object.keys(doc.paths));
    const components = (fresh as { components: { schemas: Record<string, unknown> } }).components.schemas;
    expect(components.JsonValue).toMatchObject({ anyOf: expect.any(Array) });
  });
});
