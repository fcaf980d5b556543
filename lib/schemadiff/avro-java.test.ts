import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import corpus from './corpus/avro-cases.json';
import { compareSchemas } from './compare';

/**
 * Cross-checks our Avro verdicts, case by case, against Apache Avro's own Java
 * `SchemaCompatibility` (resolved from Maven Central by `corpus/java/pom.xml`). Skipped, and
 * said so, on a machine without Maven and Java 17.
 */

const javaDir = join(__dirname, 'corpus', 'java');
const hasJava = spawnSync('java', ['-version']).status === 0 && spawnSync('mvn', ['-v']).status === 0;

interface JavaVerdict {
  compatible: boolean;
  problems: { rule: string; location: string; message: string }[];
}

function runAvroJava(): { name: string; backward: JavaVerdict; forward: JavaVerdict }[] {
  const cpFile = join(mkdtempSync(join(tmpdir(), 'avro-cp-')), 'classpath');
  execFileSync(
    'mvn',
    ['-q', '-f', join(javaDir, 'pom.xml'), 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`],
    { stdio: 'pipe' },
  );
  const out = execFileSync(
    'java',
    [
      '-cp',
      readFileSync(cpFile, 'utf8').trim(),
      join(javaDir, 'AvroCompatibilityCheck.java'),
      join(__dirname, 'corpus', 'avro-cases.json'),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return JSON.parse(out);
}

describe.skipIf(!hasJava)('Avro verdicts against Apache Avro SchemaCompatibility', () => {
  it(
    'agrees on every corpus case, in both directions, down to the rules broken',
    { timeout: 180_000 },
    () => {
      const java = runAvroJava();
      expect(java).toHaveLength(corpus.cases.length);
      const disagreements: string[] = [];
      for (const [i, c] of corpus.cases.entries()) {
        const theirs = java[i]!;
        const ours = compareSchemas(
          { schemaType: 'AVRO', schema: JSON.stringify(c.before), label: 'before' },
          { schemaType: 'AVRO', schema: JSON.stringify(c.after), label: 'after' },
        );
        for (const direction of ['backward', 'forward'] as const) {
          // A problem inside a union branch is, for Avro, the union's MISSING_UNION_BRANCH.
          const ourRules = [
            ...new Set(
              ours[direction].problems.map((p) => (p.unionBranch ? 'MISSING_UNION_BRANCH' : p.rule)),
            ),
          ].sort();
          const javaRules = [...new Set(theirs[direction].problems.map((p) => p.rule))].sort();
          if (
            ours[direction].compatible !== theirs[direction].compatible ||
            ourRules.join() !== javaRules.join()
          ) {
            disagreements.push(
              `${c.name} (${direction}): ours ${ourRules.join(',') || 'compatible'}, Avro ${javaRules.join(',') || 'compatible'}`,
            );
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );
});
