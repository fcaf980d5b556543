import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cycleEdges,
  cyclicGroups,
  importSpecifiers,
  readFolderGraph,
  targetFolder,
  type FolderGraph,
} from './folder-graph';

const graph = (edges: Record<string, string[]>): FolderGraph =>
  new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('the folder import graph of lib', () => {
  it('reads imports, re-exports, dynamic and side-effect imports', () => {
    const source = [
      "import 'server-only';",
      "import { a } from '@/lib/kafka/client';",
      "import type { B } from '../schemas/topics';",
      "export { c } from './local';",
      "const m = await import('@/lib/serde/avro');",
      "// a comment that says from '@/lib/audit' is no import",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      'server-only',
      '@/lib/kafka/client',
      '../schemas/topics',
      './local',
      '@/lib/serde/avro',
    ]);
  });

  it('maps a specifier to the folder of lib it points into', () => {
    const libRoot = path.join('/repo', 'lib');
    const from = path.join(libRoot, 'groups');
    expect(targetFolder('@/lib/kafka/admin', from, libRoot)).toBe('kafka');
    expect(targetFolder('../schemas/groups', from, libRoot)).toBe('schemas');
    expect(targetFolder('./plan-offset-reset', from, libRoot)).toBe('groups');
    expect(targetFolder('../format', from, libRoot)).toBeNull(); // a file in lib itself
    expect(targetFolder('zod', from, libRoot)).toBeNull();
  });

  it('finds the cycles, and only the edges inside them', () => {
    const g = graph({
      http: ['config', 'topics'],
      config: ['http'],
      topics: ['kafka'],
      kafka: ['config'],
      format: [],
      serde: ['kafka'],
    });
    expect(cyclicGroups(g)).toEqual([['config', 'http', 'kafka', 'topics']]);
    expect(cycleEdges(g)).toEqual([
      'config → http',
      'http → config',
      'http → topics',
      'kafka → config',
      'topics → kafka',
    ]);
    expect(cycleEdges(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
  });
});

describe('lib has no folder-level import cycle', () => {
  it('adds no import between folders that closes a cycle', () => {
    const edges = cycleEdges(readFolderGraph(path.resolve(__dirname, '../../lib')));
    expect(
      edges,
      `these imports make a folder import from a folder that imports it:\n${edges.join('\n')}`,
    ).toEqual([]);
  });
});
