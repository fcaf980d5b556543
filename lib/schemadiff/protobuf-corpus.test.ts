import { describe, expect, it } from 'vitest';
import corpus from './corpus/protobuf-cases.json';
import { compareSchemas } from './compare';

interface CorpusCase {
  name: string;
  before: string;
  after: string;
  changes: string[];
  backward: boolean;
  forward: boolean;
  paths?: string[];
}

const cases = corpus.cases as CorpusCase[];

describe('Protobuf evolution corpus', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compareSchemas(
      { schemaType: 'PROTOBUF', schema: c.before, label: 'before' },
      { schemaType: 'PROTOBUF', schema: c.after, label: 'after' },
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

  it('calls a reused number by its name, with a fix', () => {
    const c = cases.find((x) => x.name === 'number reused for another type')!;
    const { backward } = compareSchemas(
      { schemaType: 'PROTOBUF', schema: c.before, label: 'v1' },
      { schemaType: 'PROTOBUF', schema: c.after, label: 'v2' },
    );
    expect(backward.problems).toEqual([
      expect.objectContaining({ path: '/Order/amount', rule: 'FIELD_NUMBER_REUSED' }),
    ]);
    expect(backward.problems[0]!.hint).toBe('give `amount` a new number and reserve 2 (and the name `note`)');
  });
});
