import 'server-only';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { ClusterConfig } from '@/lib/config/schema';

/** Connection options shared by every client of one cluster (admin, reader, producer). */
export interface KafkaConnectionOptions {
  clientId: string;
  bootstrapBrokers: string[];
  connectTimeout: number;
  timeout: number;
  requestTimeout: number;
  retries: number;
  retryDelay: number;
  tls?: TlsOptions;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
}

function readPem(file: string | undefined): Buffer | undefined {
  return file ? readFileSync(file) : undefined;
}

export function connectionOptions(cluster: ClusterConfig): KafkaConnectionOptions {
  const options: KafkaConnectionOptions = {
    clientId: cluster.clientId,
    bootstrapBrokers: cluster.bootstrapServers,
    connectTimeout: Math.min(cluster.requestTimeoutMs, 5000),
    timeout: cluster.requestTimeoutMs,
    requestTimeout: cluster.requestTimeoutMs,
    // A console answers a person: fail fast and say so rather than retry for long.
    retries: 1,
    retryDelay: 250,
  };
  if (cluster.tls?.enabled) {
    options.tls = {
      ca: readPem(cluster.tls.caFile),
      cert: readPem(cluster.tls.certFile),
      key: readPem(cluster.tls.keyFile),
      rejectUnauthorized: cluster.tls.rejectUnauthorized,
      servername: cluster.tls.serverName,
    };
  }
  if (cluster.sasl) options.sasl = { ...cluster.sasl };
  return options;
}
