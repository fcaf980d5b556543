import { performance } from 'node:perf_hooks';
import { compareSchemas, type SchemaText } from '@/lib/schemadiff';

/**
 * Two versions of a 500-field Avro schema (100 top-level fields, 80 of them records of 5 fields)
 * that differ the way real evolutions do: fields added with defaults, promotions, a removed
 * field, enum symbols, a new union branch. The figure is the median time of the field-tree diff
 * plus both verdicts.
 */
function version(v: 1 | 2): SchemaText {
  const fields: unknown[] = [];
  for (let i = 0; i < 100; i++) {
    if (i < 80) {
      const inner: unknown[] = [];
      for (let j = 0; j < 4; j++)
        inner.push({ name: `f${i}_${j}`, type: v === 2 && j === 0 && i % 10 === 0 ? 'long' : 'int' });
      inner.push(
        v === 2 && i % 7 === 0
          ? { name: `note${i}`, type: ['null', 'string'], default: null }
          : { name: `s${i}`, type: 'string' },
      );
      fields.push({ name: `r${i}`, type: { type: 'record', name: `R${i}`, fields: inner } });
    } else if (i < 90) {
      const symbols = v === 2 && i % 3 === 0 ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C'];
      fields.push({ name: `e${i}`, type: { type: 'enum', name: `E${i}`, symbols, default: 'A' } });
    } else {
      fields.push({
        name: `u${i}`,
        type: v === 2 && i % 2 === 0 ? ['null', 'string', 'long'] : ['null', 'string'],
        default: null,
      });
    }
  }
  return {
    schemaType: 'AVRO',
    schema: JSON.stringify({ type: 'record', name: 'Wide', namespace: 'bench', fields }),
    label: `v${v}`,
  };
}

export function measureSchemaDiff(samples = 30): { medianMs: number; changes: number } {
  const before = version(1);
  const after = version(2);
  let changes = compareSchemas(before, after).changes.length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    changes = compareSchemas(before, after).changes.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, changes };
}
