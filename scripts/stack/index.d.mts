// Types for scripts/stack/index.mjs (the local Kafka + Apicurio Registry stack).

export interface StackOptions {
  /** Kafka line: '4' (4.3.1, default) or '3.9' (3.9.2). Full versions such as '4.3.1' are accepted. */
  kafka?: '4' | '3.9' | string;
  /** 1 (default) or 3 combined broker+controller nodes. */
  brokers?: 1 | 3;
  /** No progress lines on stdout. */
  quiet?: boolean;
  /** Client port of the first Kafka node (others follow two apart); default STACK_KAFKA_PORT or 9092. */
  kafkaPort?: number;
  /** Registry port; default STACK_REGISTRY_PORT or 8081. */
  registryPort?: number;
}

export interface StackHandle {
  /** e.g. ['127.0.0.1:9092'] or ['127.0.0.1:9092', '127.0.0.1:9094', '127.0.0.1:9096'] */
  bootstrapServers: string[];
  /** Confluent-compatible base URL (where /subjects lives): http://127.0.0.1:8081/apis/ccompat/v7 */
  registryUrl: string;
  /** Registry root, for its native API and /health: http://127.0.0.1:8081 */
  registryBaseUrl: string;
  kafkaVersion: string;
  brokers: number;
  /** True when this call started Kafka or the registry; false when it reused a running stack. */
  startedNow: boolean;
}

export interface StackStatus {
  /** Kafka and registry both answer. */
  running: boolean;
  kafka: {
    version: string;
    brokers: number;
    up: boolean;
    clusterId: string | null;
    /** The KIP-848 ConsumerGroupHeartbeat API is offered (group.protocol=consumer works). */
    consumerGroupProtocol: boolean;
    bootstrapServers: string[];
    dataDir: string;
    nodes: {
      id: number;
      port: number;
      controllerPort: number;
      pid: number | null;
      portUsedByOther: boolean;
      logFile: string;
    }[];
  };
  registry: {
    version: string;
    up: boolean;
    port: number;
    pid: number | null;
    portUsedByOther: boolean;
    url: string;
    logFile: string;
  };
}

/** A failure with a one-sentence, human-readable message (no stack trace worth showing). */
export class StackError extends Error {
  logFile?: string;
  exitCode: number;
}

/** Starts what is not running (downloading on first use), waits for health, reuses a running stack. */
export function ensureStackUp(options?: StackOptions): Promise<StackHandle>;
/** The running stack, or the requested/default one reported as down. */
export function stackStatus(options?: Pick<StackOptions, 'kafka' | 'brokers'>): Promise<StackStatus>;
/** Stops every process the stack started. Resolves true if anything was running. */
export function stopStack(options?: Pick<StackOptions, 'quiet'>): Promise<boolean>;
/** stopStack, then deletes .stack/data (downloads are kept). */
export function resetStack(options?: Pick<StackOptions, 'quiet'>): Promise<void>;
/** Stops (or with `kill`, SIGKILLs) one Kafka node; resolves true if it was running. */
export function stopBroker(
  options: Omit<StackOptions, 'quiet'>,
  nodeId: number,
  how?: { kill?: boolean },
): Promise<boolean>;
/** Stops the registry of one stack, Kafka stays up. */
export function stopStackRegistry(options?: StackOptions): Promise<boolean>;
/** Stops one stack (registry, then Kafka), leaving other stacks running. */
export function stopStackVariant(options?: StackOptions): Promise<boolean>;
