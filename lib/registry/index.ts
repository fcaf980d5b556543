import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { RegistryClient } from './client';

const clients = globalThis as unknown as { __registryClients?: Map<string, RegistryClient> };

export function registryFor(cluster: ClusterConfig): RegistryClient {
  if (!cluster.registry)
    throw new AppError(
      'REGISTRY_NOT_CONFIGURED',
      `cluster "${cluster.id}" has no schema registry configured`,
    );
  clients.__registryClients ??= new Map();
  let client = clients.__registryClients.get(cluster.id);
  if (!client) {
    client = new RegistryClient(cluster.registry);
    clients.__registryClients.set(cluster.id, client);
  }
  return client;
}

export { RegistryClient } from './client';
export type {
  RegisteredSchema,
  SubjectVersion,
  SchemaType,
  SchemaReference,
  SchemaIdVersion,
} from './client';
