import { describe, expect, it } from 'vitest';
import { buildChangeTree, changeTone, pointerTokens } from './change-tree-model';

describe('buildChangeTree', () => {
  it('nests changes under the fields that hold them, root changes at the root', () => {
    const tree = buildChangeTree([
      { kind: 'doc-changed', path: '/', message: 'doc' },
      { kind: 'field-added', path: '/payload/OrderPaid/currency', message: 'a' },
      { kind: 'enum-symbol-added', path: '/payload/OrderPaid/method', message: 'b' },
      { kind: 'field-added', path: '/correlationId', message: 'c' },
    ]);
    expect(tree.changes.map((c) => c.message)).toEqual(['doc']);
    expect(tree.children.map((c) => c.token)).toEqual(['payload', 'correlationId']);
    const orderPaid = tree.children[0]!.children[0]!;
    expect(orderPaid.path).toBe('/payload/OrderPaid');
    expect(orderPaid.children.map((c) => [c.token, c.changes[0]!.message])).toEqual([
      ['currency', 'a'],
      ['method', 'b'],
    ]);
  });

  it('unescapes and re-escapes pointer tokens', () => {
    expect(pointerTokens('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    const tree = buildChangeTree([{ kind: 'field-added', path: '/a~1b', message: 'x' }]);
    expect(tree.children[0]).toMatchObject({ token: 'a/b', path: '/a~1b' });
  });

  it('tells additions, removals, changes and documentation apart', () => {
    expect(['field-added', 'union-branch-removed', 'type-promoted', 'doc-changed'].map(changeTone)).toEqual([
      'added',
      'removed',
      'changed',
      'doc',
    ]);
  });
});
