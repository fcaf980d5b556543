import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { RegistryClient } from './client';

const clients = processMap<string, RegistryClient>('registryClients');

export function registryFor(cluster: ClusterConfig): RegistryClient {
  if (!cluster.registry)
    throw new AppError(
      'REGISTRY_NOT_CONFIGURED',
      `cluster "${cluster.id}" has no schema registry configured`,
    );
  let client = clients.get(cluster.id);
  if (!client) {
    client = new RegistryClient(cluster.registry);
    clients.set(cluster.id, client);
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
import { processMap } from '@/lib/process-map';
