/**
 * The diff's flat list of changes as a tree over their JSON-pointer paths, so that a change deep
 * in a union branch sits under the field that holds it. Only paths with changes appear.
 */
export interface ChangeLike {
  kind: string;
  path: string;
  message: string;
}

export interface ChangeNode<C extends ChangeLike = ChangeLike> {
  /** The last token of the path, unescaped ("" for the root). */
  token: string;
  path: string;
  changes: C[];
  children: ChangeNode<C>[];
}

export function pointerTokens(path: string): string[] {
  if (path === '/' || path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function buildChangeTree<C extends ChangeLike>(changes: readonly C[]): ChangeNode<C> {
  const root: ChangeNode<C> = { token: '', path: '/', changes: [], children: [] };
  for (const change of changes) {
    let node = root;
    let path = '';
    for (const token of pointerTokens(change.path)) {
      path += `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      let child = node.children.find((c) => c.token === token);
      if (!child) node.children.push((child = { token, path, changes: [], children: [] }));
      node = child;
    }
    node.changes.push(change);
  }
  return root;
}

/** How a change reads at a glance: something appeared, went, changed, or only its documentation. */
export function changeTone(kind: string): 'added' | 'removed' | 'changed' | 'doc' {
  if (kind.endsWith('-added')) return 'added';
  if (kind.endsWith('-removed')) return 'removed';
  if (kind === 'doc-changed' || kind === 'aliases-changed') return 'doc';
  return 'changed';
}
