import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Reducer } from './fold';

/**
 * Loads an operator-installed reducer module: `<reducerDir>/<name>.mjs` (or `.js`), an ES module
 * exporting `reduce(state, event, meta)` (named or default). Only names of lowercase letters,
 * digits and dashes are accepted, and the resolved file (symlinks followed) must stay inside the
 * directory, so a name from a request can never reach other code. The name always comes from
 * configuration; no code is ever taken from the browser.
 */

export const REDUCER_NAME = /^[a-z0-9-]+$/;

export class ReducerLoadError extends Error {
  override name = 'ReducerLoadError';
}

export async function resolveReducerFile(reducerDir: string, name: string): Promise<string> {
  if (!REDUCER_NAME.test(name))
    throw new ReducerLoadError(
      `"${name}" is not a valid reducer name (lowercase letters, digits and dashes only)`,
    );
  let dir: string;
  try {
    dir = await realpath(/*turbopackIgnore: true*/ path.resolve(/*turbopackIgnore: true*/ reducerDir));
  } catch {
    throw new ReducerLoadError(`the reducer directory "${reducerDir}" does not exist`);
  }
  for (const ext of ['.mjs', '.js']) {
    const candidate = path.join(/*turbopackIgnore: true*/ dir, `${name}${ext}`);
    let real: string;
    try {
      real = await realpath(/*turbopackIgnore: true*/ candidate);
    } catch {
      continue;
    }
    const relative = path.relative(dir, real);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new ReducerLoadError(`reducer "${name}" resolves outside the reducer directory`);
    }
    if (!(await stat(/*turbopackIgnore: true*/ real)).isFile())
      throw new ReducerLoadError(`reducer "${name}" is not a file`);
    return real;
  }
  throw new ReducerLoadError(`no reducer "${name}" (${name}.mjs or ${name}.js) in the reducer directory`);
}

export async function loadReducer(reducerDir: string, name: string): Promise<Reducer> {
  const file = await resolveReducerFile(reducerDir, name);
  let mod: { reduce?: unknown; default?: unknown };
  try {
    mod = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href
    )) as typeof mod;
  } catch (error) {
    throw new ReducerLoadError(`reducer "${name}" could not be loaded: ${(error as Error).message}`);
  }
  const reduce =
    typeof mod.reduce === 'function'
      ? mod.reduce
      : typeof mod.default === 'function'
        ? mod.default
        : undefined;
  if (!reduce) throw new ReducerLoadError(`reducer "${name}" exports no reduce function`);
  return reduce as Reducer;
}
