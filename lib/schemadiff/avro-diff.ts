import {
  describeType,
  pointer,
  shortName,
  type AvroField,
  type AvroNode,
  type NamedNode,
} from './avro-model';
import type { SchemaChange } from './types';

/** Which primitive a reader of the key may read from a writer of the value: Avro's promotions. */
const PROMOTES_FROM: Record<string, string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const show = (value: unknown): string => JSON.stringify(value);

function isNamed(node: AvroNode): node is NamedNode {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed';
}

/**
 * Two types that stand for "the same thing" across versions: same kind and, for named types,
 * the same full name, an alias linking them, or the same unqualified name (a namespace move).
 */
function sameSlot(a: AvroNode, b: AvroNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'primitive') return a.type === (b as typeof a).type;
  if (isNamed(a) && isNamed(b))
    return a.fullName === b.fullName || b.aliases.includes(a.fullName) || a.name === b.name;
  return true;
}

/**
 * The field-tree diff of two Avro schemas, old → new: every change with its JSON-pointer path
 * (the new version's names where both exist). Nested records, arrays, maps and unions are
 * followed to any depth; recursive types are visited once per pair.
 */
export function diffAvro(before: AvroNode, after: AvroNode): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const visited = new Map<AvroNode, Set<AvroNode>>();
  const add = (change: SchemaChange) => changes.push({ ...change, path: change.path || '/' });

  function diffNamed(a: NamedNode, b: NamedNode, path: string): void {
    if (a.name !== b.name) {
      const via = b.aliases.includes(a.fullName) ? ' (the new name lists the old one in aliases)' : '';
      add({
        kind: 'name-changed',
        path,
        message: `${a.kind} ${a.name} renamed to ${b.name}${via}`,
        before: a.name,
        after: b.name,
      });
    }
    if (a.namespace !== b.namespace) {
      add({
        kind: 'namespace-changed',
        path,
        message: `namespace of ${b.name} changed from "${a.namespace}" to "${b.namespace}"`,
        before: a.namespace,
        after: b.namespace,
      });
    }
    // An alias naming the old type is part of the rename, not a change of its own.
    if (!sameJson([...a.aliases].sort(), b.aliases.filter((x) => x !== a.fullName).sort())) {
      add({
        kind: 'aliases-changed',
        path,
        message: `aliases of ${b.name} changed`,
        before: a.aliases,
        after: b.aliases,
      });
    }
    if ((a.doc ?? '') !== (b.doc ?? ''))
      add({
        kind: 'doc-changed',
        path,
        message: `doc of ${b.name} changed`,
        before: a.doc ?? null,
        after: b.doc ?? null,
      });
  }

  function diffField(a: AvroField, b: AvroField, path: string): void {
    if (!a.hasDefault && b.hasDefault)
      add({
        kind: 'default-added',
        path,
        message: `\`${b.name}\` gained the default ${show(b.default)}`,
        after: b.default,
      });
    else if (a.hasDefault && !b.hasDefault)
      add({
        kind: 'default-removed',
        path,
        message: `\`${b.name}\` lost its default ${show(a.default)}`,
        before: a.default,
      });
    else if (a.hasDefault && b.hasDefault && !sameJson(a.default, b.default)) {
      add({
        kind: 'default-changed',
        path,
        message: `default of \`${b.name}\` changed from ${show(a.default)} to ${show(b.default)}`,
        before: a.default,
        after: b.default,
      });
    }
    if ((a.doc ?? '') !== (b.doc ?? ''))
      add({
        kind: 'doc-changed',
        path,
        message: `doc of \`${b.name}\` changed`,
        before: a.doc ?? null,
        after: b.doc ?? null,
      });
    if (!sameJson([...a.aliases].sort(), b.aliases.filter((x) => x !== a.name).sort())) {
      add({
        kind: 'aliases-changed',
        path,
        message: `aliases of \`${b.name}\` changed`,
        before: a.aliases,
        after: b.aliases,
      });
    }
    diffNode(a.type, b.type, path);
  }

  function diffRecordFields(a: Extract<AvroNode, { kind: 'record' }>, b: typeof a, path: string): void {
    const matched = new Map<AvroField, AvroField>(); // new field → old field
    const oldUsed = new Set<AvroField>();
    for (const nf of b.fields) {
      const of = a.fields.find((f) => f.name === nf.name);
      if (of) {
        matched.set(nf, of);
        oldUsed.add(of);
      }
    }
    // Renames: the new field's aliases name the old field (what Avro resolves), or the old field
    // already carried the new name as an alias.
    for (const nf of b.fields) {
      if (matched.has(nf)) continue;
      const of = a.fields.find(
        (f) => !oldUsed.has(f) && (nf.aliases.includes(f.name) || f.aliases.includes(nf.name)),
      );
      if (of) {
        matched.set(nf, of);
        oldUsed.add(of);
        const how = nf.aliases.includes(of.name)
          ? `with aliases ["${of.name}"]`
          : `listed as an alias of the old field only`;
        add({
          kind: 'field-renamed',
          path: pointer(path, nf.name),
          message: `\`${of.name}\` renamed to \`${nf.name}\` ${how}`,
          before: of.name,
          after: nf.name,
        });
      }
    }
    for (const of of a.fields) {
      if (oldUsed.has(of)) continue;
      const withDefault = of.hasDefault
        ? `, which had the default ${show(of.default)}`
        : ' (it had no default)';
      add({
        kind: 'field-removed',
        path: pointer(path, of.name),
        message: `field \`${of.name}\` (${describeType(of.type)}) removed${withDefault}`,
        before: describeType(of.type),
      });
    }
    for (const nf of b.fields) {
      const of = matched.get(nf);
      if (of) diffField(of, nf, pointer(path, nf.name));
      else {
        const withDefault = nf.hasDefault ? ` with the default ${show(nf.default)}` : ' without a default';
        add({
          kind: 'field-added',
          path: pointer(path, nf.name),
          message: `field \`${nf.name}\` (${describeType(nf.type)}) added${withDefault}`,
          after: describeType(nf.type),
        });
      }
    }
  }

  function diffUnionBranches(aBranches: AvroNode[], bBranches: AvroNode[], path: string): void {
    const used = new Set<AvroNode>();
    const pairs: [AvroNode, AvroNode][] = [];
    for (const nb of bBranches) {
      const ob = aBranches.find((x) => !used.has(x) && sameSlot(x, nb));
      if (ob) {
        used.add(ob);
        pairs.push([ob, nb]);
      } else {
        const nullable = nb.kind === 'primitive' && nb.type === 'null' ? ' (now nullable)' : '';
        add({
          kind: 'union-branch-added',
          path: pointer(path, shortName(nb)),
          message: `union branch ${describeType(nb)} added${nullable}`,
          after: describeType(nb),
        });
      }
    }
    for (const ob of aBranches) {
      if (used.has(ob)) continue;
      const nullable = ob.kind === 'primitive' && ob.type === 'null' ? ' (no longer nullable)' : '';
      add({
        kind: 'union-branch-removed',
        path: pointer(path, shortName(ob)),
        message: `union branch ${describeType(ob)} removed${nullable}`,
        before: describeType(ob),
      });
    }
    for (const [ob, nb] of pairs) diffNode(ob, nb, pointer(path, shortName(nb)));
  }

  function diffNode(a: AvroNode, b: AvroNode, path: string): void {
    let seen = visited.get(a);
    if (seen?.has(b)) return;
    if (!seen) visited.set(a, (seen = new Set()));
    seen.add(b);

    if (a.kind === 'union' || b.kind === 'union') {
      if (a.kind === 'union' && b.kind === 'union') return diffUnionBranches(a.branches, b.branches, path);
      // T ⇄ [null, T]: a type wrapped into (or unwrapped from) a union keeps its own slot, so
      // the branch diff below reports exactly the branches that appeared or went, at this path.
      const aBranches = a.kind === 'union' ? a.branches : [a];
      const bBranches = b.kind === 'union' ? b.branches : [b];
      if (!aBranches.some((x) => bBranches.some((y) => sameSlot(x, y)))) {
        add({
          kind: 'type-changed',
          path,
          message: `type changed from ${describeType(a)} to ${describeType(b)}`,
          before: describeType(a),
          after: describeType(b),
        });
        return;
      }
      const single = a.kind === 'union' ? b : a;
      const inUnion = a.kind === 'union' ? a.branches : (b as Extract<AvroNode, { kind: 'union' }>).branches;
      const match = inUnion.find((x) => sameSlot(x, single))!;
      for (const other of inUnion) {
        if (other === match) continue;
        const isNull = other.kind === 'primitive' && other.type === 'null';
        if (a.kind === 'union')
          add({
            kind: 'union-branch-removed',
            path: pointer(path, shortName(other)),
            message: `union branch ${describeType(other)} removed${isNull ? ' (no longer nullable)' : ''}`,
            before: describeType(other),
          });
        else
          add({
            kind: 'union-branch-added',
            path: pointer(path, shortName(other)),
            message: `union branch ${describeType(other)} added${isNull ? ' (now nullable)' : ''}`,
            after: describeType(other),
          });
      }
      return a.kind === 'union' ? diffNode(match, b, path) : diffNode(a, match, path);
    }

    if (a.kind === 'primitive' && b.kind === 'primitive') {
      if (a.type !== b.type) {
        if (PROMOTES_FROM[b.type]?.includes(a.type)) {
          const both = PROMOTES_FROM[a.type]?.includes(b.type)
            ? ' (either way: string and bytes read each other)'
            : ' (new readers read old data; old readers cannot read new data)';
          add({
            kind: 'type-promoted',
            path,
            message: `type promoted from ${a.type} to ${b.type}${both}`,
            before: a.type,
            after: b.type,
          });
        } else {
          const narrowed = PROMOTES_FROM[a.type]?.includes(b.type)
            ? ' (a narrowing: only old readers can read new data)'
            : '';
          add({
            kind: 'type-changed',
            path,
            message: `type changed from ${a.type} to ${b.type}${narrowed}`,
            before: a.type,
            after: b.type,
          });
        }
      }
      if ((a.logicalType ?? null) !== (b.logicalType ?? null)) {
        add({
          kind: 'logical-type-changed',
          path,
          message: `logical type changed from ${a.logicalType ?? 'none'} to ${b.logicalType ?? 'none'}`,
          before: a.logicalType ?? null,
          after: b.logicalType ?? null,
        });
      }
      return;
    }

    if (a.kind !== b.kind) {
      add({
        kind: 'type-changed',
        path,
        message: `type changed from ${describeType(a)} to ${describeType(b)}`,
        before: describeType(a),
        after: describeType(b),
      });
      return;
    }

    switch (a.kind) {
      case 'array':
        return diffNode(a.items, (b as typeof a).items, pointer(path, '[]'));
      case 'map':
        return diffNode(a.values, (b as typeof a).values, pointer(path, '{}'));
      case 'record': {
        const br = b as typeof a;
        diffNamed(a, br, path);
        return diffRecordFields(a, br, path);
      }
      case 'enum': {
        const be = b as typeof a;
        diffNamed(a, be, path);
        for (const s of be.symbols)
          if (!a.symbols.includes(s))
            add({
              kind: 'enum-symbol-added',
              path,
              message: `symbol \`${s}\` added to ${be.name}`,
              after: s,
            });
        for (const s of a.symbols)
          if (!be.symbols.includes(s))
            add({
              kind: 'enum-symbol-removed',
              path,
              message: `symbol \`${s}\` removed from ${be.name}`,
              before: s,
            });
        if (a.default !== be.default) {
          add({
            kind: 'enum-default-changed',
            path,
            message: `default of ${be.name} changed from ${a.default ?? 'none'} to ${be.default ?? 'none'}`,
            before: a.default ?? null,
            after: be.default ?? null,
          });
        }
        return;
      }
      case 'fixed': {
        const bf = b as typeof a;
        diffNamed(a, bf, path);
        if (a.size !== bf.size)
          add({
            kind: 'fixed-size-changed',
            path,
            message: `fixed ${bf.name} changed size from ${a.size} to ${bf.size} bytes`,
            before: a.size,
            after: bf.size,
          });
        if ((a.logicalType ?? null) !== (bf.logicalType ?? null)) {
          add({
            kind: 'logical-type-changed',
            path,
            message: `logical type changed from ${a.logicalType ?? 'none'} to ${bf.logicalType ?? 'none'}`,
            before: a.logicalType ?? null,
            after: bf.logicalType ?? null,
          });
        }
        return;
      }
    }
  }

  diffNode(before, after, '');
  return changes;
}
