import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '@/lib/registry/client';
import corpus from '@/lib/schemadiff/corpus/avro-cases.json';
import jsonCorpus from '@/lib/schemadiff/corpus/json-schema-cases.json';
import { localCluster, uniqueName } from './support';

/**
 * The Avro evolution corpus against the registry's own verdicts: each case's "before" is
 * registered under its own subject, then "after" is checked at BACKWARD and at FORWARD. The
 * corpus is what Apache Avro says (avro-java.test.ts); the stack's Apicurio 3.0.9 agrees on every
 * case. A registry that does not would be listed here, case by case, with the reason.
 */
const registry = new RegistryClient(localCluster().registry!);
const prefix = uniqueName('corpus');
const subjects: string[] = [];

afterAll(async () => {
  for (const s of subjects) await registry.deleteSubject(s, true).catch(() => undefined);
});

describe('the Avro corpus against the registry', () => {
  it('agrees with the corpus on every case, in both directions', { timeout: 180_000 }, async () => {
    const disagreements: string[] = [];
    for (const [i, c] of corpus.cases.entries()) {
      const subject = `${prefix}-${i}`;
      subjects.push(subject);
      await registry.register(subject, JSON.stringify(c.before));
      for (const direction of ['backward', 'forward'] as const) {
        await registry.setCompatibility(subject, direction.toUpperCase());
        const answer = await registry.checkCompatibility(subject, 'latest', JSON.stringify(c.after));
        if (answer.compatible !== c[direction]) disagreements.push(`${c.name} (${direction}): registry ${answer.compatible ? 'compatible' : 'incompatible'}, corpus ${c[direction] ? 'compatible' : 'incompatible'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('the JSON Schema corpus against the registry', () => {
  it('agrees with the corpus on every case, in both directions', { timeout: 180_000 }, async () => {
    const disagreements: string[] = [];
    for (const [i, c] of jsonCorpus.cases.entries()) {
      const subject = `${prefix}-json-${i}`;
      subjects.push(subject);
      await registry.register(subject, JSON.stringify(c.before), 'JSON');
      for (const direction of ['backward', 'forward'] as const) {
        await registry.setCompatibility(subject, direction.toUpperCase());
        const answer = await registry.checkCompatibility(subject, 'latest', JSON.stringify(c.after), 'JSON');
        if (answer.compatible !== c[direction]) disagreements.push(`${c.name} (${direction}): registry ${answer.compatible ? 'compatible' : 'incompatible'}, corpus ${c[direction] ? 'compatible' : 'incompatible'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
