import { describeType, pointer, shortName, type AvroNode, type NamedNode } from './avro-model';
import type { CompatibilityProblem, ReadVerdict } from './types';

/**
 * Can data written with `writer` be read with `reader`? Avro's schema-resolution rules, as
 * Apache Avro's Java `SchemaCompatibility` applies them (same rules, same rule names), but with
 * every problem located in the reader's field tree and given a hint.
 *
 * `labels` name the two versions in hints ("v3", "the draft").
 */
export function checkAvroCanRead(
  reader: AvroNode,
  writer: AvroNode,
  labels: { reader: string; writer: string } = { reader: 'the reader', writer: 'the writer' },
): ReadVerdict {
  const problems: CompatibilityProblem[] = [];
  // A pair being checked further up the stack is assumed compatible (recursive types), as Avro does.
  const inProgress = new Map<AvroNode, Set<AvroNode>>();

  const promotions: Record<string, string[]> = {
    long: ['int'],
    float: ['int', 'long'],
    double: ['int', 'long', 'float'],
    bytes: ['string'],
    string: ['bytes'],
  };

  /** Avro compares unqualified names, or the reader's aliases against the writer's full name. */
  const namesMatch = (r: NamedNode, w: NamedNode): boolean =>
    r.name === w.name || r.aliases.includes(w.fullName);

  function check(r: AvroNode, w: AvroNode, path: string, out: CompatibilityProblem[]): void {
    let seen = inProgress.get(r);
    if (seen?.has(w)) return;
    if (!seen) inProgress.set(r, (seen = new Set()));
    seen.add(w);
    try {
      checkPair(r, w, path, out);
    } finally {
      seen.delete(w);
    }
  }

  function compatible(r: AvroNode, w: AvroNode, path: string): boolean {
    const scratch: CompatibilityProblem[] = [];
    check(r, w, path, scratch);
    return scratch.length === 0;
  }

  function typeMismatch(r: AvroNode, w: AvroNode, path: string, out: CompatibilityProblem[]): void {
    out.push({
      path: path || '/',
      rule: 'TYPE_MISMATCH',
      message: `${labels.reader} reads ${describeType(r)} where ${labels.writer} wrote ${describeType(w)}`,
      hint: `keep the type ${describeType(w)}, use a legal promotion (int→long→float→double, string↔bytes), or add a field with a new name`,
    });
  }

  function checkPair(r: AvroNode, w: AvroNode, path: string, out: CompatibilityProblem[]): void {
    if (w.kind === 'union' && r.kind !== 'union') {
      // Every branch the writer may have used must be readable.
      for (const branch of w.branches) check(r, branch, pointer(path, shortName(branch)), out);
      return;
    }
    if (r.kind === 'union') {
      const writerBranches = w.kind === 'union' ? w.branches : [w];
      for (const wb of writerBranches) {
        const at = w.kind === 'union' ? pointer(path, shortName(wb)) : path;
        if (!r.branches.some((rb) => compatible(rb, wb, at))) {
          // Avro only says "no branch reads it"; when a branch of the same name exists, its own
          // problems are the reason a reviewer needs, located inside the branch.
          const twin = r.branches.find(
            (rb) =>
              rb.kind === wb.kind &&
              (rb.kind === 'record' || rb.kind === 'enum' || rb.kind === 'fixed') &&
              namesMatch(rb, wb as NamedNode),
          );
          const inner: CompatibilityProblem[] = [];
          if (twin) check(twin, wb, at, inner);
          if (inner.length) {
            out.push(...inner.map((p) => ({ ...p, unionBranch: shortName(wb) })));
            continue;
          }
          out.push({
            path: at || '/',
            rule: 'MISSING_UNION_BRANCH',
            message: `the union in ${labels.reader} has no branch that reads ${describeType(wb)}`,
            hint: `keep the branch ${shortName(wb)} in the union of ${labels.reader}`,
          });
        }
      }
      return;
    }
    if (r.kind === 'primitive' && w.kind === 'primitive') {
      if (r.type !== w.type && !promotions[r.type]?.includes(w.type)) typeMismatch(r, w, path, out);
      return;
    }
    if (r.kind !== w.kind) {
      typeMismatch(r, w, path, out);
      return;
    }
    switch (r.kind) {
      case 'array':
        check(r.items, (w as typeof r).items, pointer(path, '[]'), out);
        return;
      case 'map':
        check(r.values, (w as typeof r).values, pointer(path, '{}'), out);
        return;
      case 'fixed': {
        const wf = w as typeof r;
        if (!namesMatch(r, wf)) out.push(nameMismatch(r, wf, path));
        else if (r.size !== wf.size) {
          out.push({
            path: path || '/',
            rule: 'FIXED_SIZE_MISMATCH',
            message: `fixed ${r.name} is ${r.size} bytes in ${labels.reader} but ${wf.size} in ${labels.writer}`,
            hint: 'the size of a fixed cannot change: add a field of a new fixed type instead',
          });
        }
        return;
      }
      case 'enum': {
        const we = w as typeof r;
        if (!namesMatch(r, we)) {
          out.push(nameMismatch(r, we, path));
          return;
        }
        const missing = we.symbols.filter((s) => !r.symbols.includes(s));
        if (missing.length && r.default === undefined) {
          const list = missing.map((s) => `\`${s}\``).join(', ');
          out.push({
            path: path || '/',
            rule: 'MISSING_ENUM_SYMBOLS',
            message: `${labels.reader} lacks the symbol${missing.length > 1 ? 's' : ''} ${list} that ${labels.writer} may write`,
            hint: `keep the symbol${missing.length > 1 ? 's' : ''} ${list} in ${labels.reader}, or give enum ${r.name} a default`,
          });
        }
        return;
      }
      case 'record': {
        const wr = w as typeof r;
        if (!namesMatch(r, wr)) {
          out.push(nameMismatch(r, wr, path));
          return;
        }
        for (const field of r.fields) {
          const writerField =
            wr.fields.find((f) => f.name === field.name) ??
            wr.fields.find((f) => field.aliases.includes(f.name));
          const at = pointer(path, field.name);
          if (writerField) check(field.type, writerField.type, at, out);
          else if (!field.hasDefault) {
            out.push({
              path: at,
              rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
              message: `${labels.reader} expects \`${field.name}\`, which ${labels.writer} does not write, and has no default for it`,
              hint: `give \`${field.name}\` a default in ${labels.reader}, or keep writing it in ${labels.writer} (a rename needs \`aliases\` in the reader)`,
            });
          }
        }
        return;
      }
    }
  }

  function nameMismatch(r: NamedNode, w: NamedNode, path: string): CompatibilityProblem {
    return {
      path: path || '/',
      rule: 'NAME_MISMATCH',
      message: `${labels.reader} names the ${r.kind} ${r.fullName} where ${labels.writer} wrote ${w.fullName}`,
      hint: `keep the name ${w.name}, or list "${w.fullName}" in the \`aliases\` of ${r.name} in ${labels.reader}`,
    };
  }

  check(reader, writer, '', problems);
  return { compatible: problems.length === 0, problems };
}
