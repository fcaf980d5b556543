/**
 * The part of a decoded value a filter reads: a tree of field names, where `true` means "the
 * whole value below". A decoder may leave out record fields the tree does not name (skipping
 * their bytes instead of building them), since a filter that never looks at a field cannot tell
 * whether it was decoded. Pure.
 */
export type ProjectionTree = { readonly [field: string]: ProjectionTree | true };

export interface ValueProjection {
  readonly tree: ProjectionTree;
  /** A canonical spelling of the tree, to cache one compiled reader per projection. */
  readonly key: string;
}

/** Canonical text of a tree: fields sorted, so equal trees share compiled readers. */
function spell(tree: ProjectionTree): string {
  return `{${Object.keys(tree)
    .sort()
    .map((name) => {
      const sub = tree[name]!;
      return `${JSON.stringify(name)}:${sub === true ? '*' : spell(sub)}`;
    })
    .join(',')}}`;
}

/**
 * The projection of a set of paths below the value; null when one of them reads the value
 * whole (an empty path), so nothing can be skipped. A path stops at its first numeric segment:
 * an array is read whole.
 */
export function projectionOfPaths(paths: readonly (readonly (string | number)[])[]): ValueProjection | null {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    if (path.length === 0 || typeof path[0] !== 'string') return null;
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1 || typeof path[i + 1] !== 'string';
      if (typeof segment !== 'string') break;
      const existing = node[segment];
      if (existing === true) break;
      if (last) {
        node[segment] = true;
        break;
      }
      if (existing === undefined) node[segment] = Object.create(null) as Record<string, unknown>;
      node = node[segment] as Record<string, unknown>;
    }
  }
  const tree = root as ProjectionTree;
  return { tree, key: spell(tree) };
}
