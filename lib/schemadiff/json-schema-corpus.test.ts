import { describe, expect, it } from 'vitest';
import corpus from './corpus/json-schema-cases.json';
import { compareSchemas } from './compare';

interface CorpusCase {
  name: string;
  before: unknown;
  after: unknown;
  changes: string[];
  backward: boolean;
  forward: boolean;
  paths?: string[];
}

const cases = corpus.cases as CorpusCase[];

describe('JSON Schema evolution corpus', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compareSchemas(
      { schemaType: 'JSON', schema: JSON.stringify(c.before), label: 'before' },
      { schemaType: 'JSON', schema: JSON.stringify(c.after), label: 'after' },
    );
    expect(result.changes.map((ch) => ch.kind).sort()).toEqual(c.changes);
    expect({ backward: result.backward.compatible, forward: result.forward.compatible }).toEqual({
      backward: c.backward,
      forward: c.forward,
    });
    for (const verdict of [result.backward, result.forward])
      for (const p of verdict.problems) expect(p.hint.length).toBeGreaterThan(0);
    for (const path of c.paths ?? []) expect(result.changes.map((ch) => ch.path)).toContain(path);
  });

  it('names the rule and the path of each problem', () => {
    const { backward } = compareSchemas(
      {
        schemaType: 'JSON',
        schema: JSON.stringify({
          type: 'object',
          properties: { id: { type: 'string' } },
          additionalProperties: false,
        }),
        label: 'v1',
      },
      {
        schemaType: 'JSON',
        schema: JSON.stringify({
          type: 'object',
          properties: { id: { type: 'string' }, coupon: { type: 'string' } },
          required: ['coupon'],
          additionalProperties: false,
        }),
        label: 'v2',
      },
    );
    expect(backward.problems).toEqual([
      expect.objectContaining({ path: '/coupon', rule: 'REQUIRED_PROPERTY_ADDED' }),
    ]);
    expect(backward.problems[0]!.hint).toContain('leave `coupon` optional in v2');
  });
});
