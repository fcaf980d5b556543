import { describe, expect, it } from 'vitest';
import corpus from './corpus/avro-cases.json';
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

describe('Avro evolution corpus', () => {
  it('holds at least 40 cases with distinct names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compareSchemas(
      { schemaType: 'AVRO', schema: JSON.stringify(c.before), label: 'before' },
      { schemaType: 'AVRO', schema: JSON.stringify(c.after), label: 'after' },
    );
    expect(result.changes.map((ch) => ch.kind).sort()).toEqual(c.changes);
    expect({ backward: result.backward.compatible, forward: result.forward.compatible }).toEqual({
      backward: c.backward,
      forward: c.forward,
    });
    // A verdict with problems is never "compatible", and every problem says where and what to do.
    for (const verdict of [result.backward, result.forward]) {
      expect(verdict.compatible).toBe(verdict.problems.length === 0);
      for (const p of verdict.problems) {
        expect(p.path.startsWith('/')).toBe(true);
        expect(p.hint.length).toBeGreaterThan(0);
      }
    }
    for (const path of c.paths ?? []) expect(result.changes.map((ch) => ch.path)).toContain(path);
  });
});
