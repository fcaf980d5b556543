import { prepareStack } from '../integration/prepare-stack';

export default async function globalSetup(): Promise<void> {
  await prepareStack();
}
