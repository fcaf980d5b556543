import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadReducer, ReducerLoadError, resolveReducerFile } from './load-reducer';

const root = mkdtempSync(path.join(tmpdir(), 'reducers-'));
const dir = path.join(root, 'reducers');
mkdirSync(dir);
writeFileSync(
  path.join(dir, 'count-events.mjs'),
  'export function reduce(state) { return { ...state, n: (state.n ?? 0) + 1 }; }\n',
);
writeFileSync(
  path.join(dir, 'default-export.mjs'),
  'export default (state, event) => ({ ...state, last: event });\n',
);
writeFileSync(path.join(dir, 'nothing.mjs'), 'export const x = 1;\n');
writeFileSync(path.join(root, 'outside.mjs'), 'export function reduce() { return { escaped: true }; }\n');
symlinkSync(path.join(root, 'outside.mjs'), path.join(dir, 'sneaky.mjs'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadReducer', () => {
  it('loads a named or default reduce export from the directory', async () => {
    expect(
      await (
        await loadReducer(dir, 'count-events')
      )({ n: 1 }, {}, { eventType: null, key: null, partition: 0, offset: '0', timestamp: 0, headers: {} }),
    ).toEqual({ n: 2 });
    expect(
      await (
        await loadReducer(dir, 'default-export')
      )({}, 5, { eventType: null, key: null, partition: 0, offset: '0', timestamp: 0, headers: {} }),
    ).toEqual({ last: 5 });
  });

  it('refuses names that are not plain slugs, before touching the file system', async () => {
    for (const name of ['../outside', 'a/b', 'Count', 'x.mjs', '', '..', 'a\\b', '%2e%2e']) {
      await expect(resolveReducerFile(dir, name), name).rejects.toThrow(/not a valid reducer name/);
    }
  });

  it('refuses a module that resolves outside the directory through a symlink', async () => {
    await expect(loadReducer(dir, 'sneaky')).rejects.toThrow(/outside the reducer directory/);
  });

  it('says what is missing', async () => {
    await expect(loadReducer(dir, 'absent')).rejects.toThrow(ReducerLoadError);
    await expect(loadReducer(dir, 'nothing')).rejects.toThrow(/exports no reduce function/);
    await expect(loadReducer(path.join(root, 'nope'), 'count-events')).rejects.toThrow(/does not exist/);
  });
});
