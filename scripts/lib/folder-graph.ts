import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The import graph between the top-level folders of `lib` (`lib/kafka`, `lib/http`, …), and the
 * edges of it that close a cycle. "A folder never imports from a folder that imports it": a cycle
 * means neither folder can be understood, tested or moved without the other.
 */

export type FolderGraph = Map<string, Set<string>>;

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** The module specifiers a source file imports or re-exports from (type-only imports too: they couple as much). */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** The top-level folder of `lib` a specifier points into, seen from `fromDir` (a folder under `libRoot`), or null. */
export function targetFolder(specifier: string, fromDir: string, libRoot: string): string | null {
  if (specifier.startsWith('@/lib/')) return specifier.split('/')[2] ?? null;
  if (!specifier.startsWith('.')) return null;
  const rel = path.relative(libRoot, path.resolve(fromDir, specifier));
  if (rel.startsWith('..') || rel === '') return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? first! : null; // a file directly in lib is no folder
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) && !/\.test\.|\.spec\./.test(name) ? [full] : [];
  });
}

/** Which folder of `libRoot` imports from which (tests left out: a test may reach anywhere). */
export function readFolderGraph(libRoot: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const folder of readdirSync(libRoot)) {
    if (!statSync(path.join(libRoot, folder)).isDirectory()) continue;
    const targets = new Set<string>();
    for (const file of sourceFiles(path.join(libRoot, folder))) {
      for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = targetFolder(spec, path.dirname(file), libRoot);
        if (target && target !== folder) targets.add(target);
      }
    }
    graph.set(folder, targets);
  }
  return graph;
}

/** The strongly connected groups of folders (Tarjan), each of more than one folder: the cycles. */
export function cyclicGroups(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Every import `from → to` between two folders of one cycle, as "from → to", sorted. */
export function cycleEdges(graph: FolderGraph): string[] {
  const out: string[] = [];
  for (const group of cyclicGroups(graph)) {
    const members = new Set(group);
    for (const from of group)
      for (const to of graph.get(from) ?? []) if (members.has(to)) out.push(`${from} → ${to}`);
  }
  return out.sort();
}
