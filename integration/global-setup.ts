import { prepareStack } from './prepare-stack';

/**
 * The stack is left running after the integration tests: the end-to-end tests come next and
 * reuse it; scripts/test-all.mjs stops it at the very end if it started it.
 */
export default async function setup(): Promise<void> {
  await prepareStack();
}
