import 'server-only';
import { ConfigResourceTypes, ConfigSources } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { adminFor } from './admin';
import { toAppError } from './errors';

/** Where a configuration value comes from, in words a person can read. */
export type ConfigSource =
  'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'unknown';

export interface TopicConfigEntry {
  name: string;
  /** null when unset or sensitive (the broker never sends sensitive values). */
  value: string | null;
  source: ConfigSource;
  /** True when no one set it: Kafka's built-in default. */
  isDefault: boolean;
  isSensitive: boolean;
  readOnly: boolean;
  documentation: string | null;
}

const sources: Record<number, ConfigSource> = {
  [ConfigSources.TOPIC_CONFIG]: 'topic',
  [ConfigSources.DYNAMIC_BROKER_CONFIG]: 'dynamic-broker',
  [ConfigSources.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'dynamic-default-broker',
  [ConfigSources.STATIC_BROKER_CONFIG]: 'static-broker',
  [ConfigSources.DEFAULT_CONFIG]: 'default',
};

/**
 * The configuration of many topics in one DescribeConfigs request (topics are answered by any
 * broker). `keys` limits the entries asked for; `documentation` adds Kafka's description of each.
 */
export async function describeTopicConfigs(
  cluster: ClusterConfig,
  names: readonly string[],
  options: { keys?: string[]; documentation?: boolean } = {},
): Promise<Map<string, TopicConfigEntry[]>> {
  const result = new Map<string, TopicConfigEntry[]>();
  if (names.length === 0) return result;
  let described;
  try {
    described = await adminFor(cluster).describeConfigs({
      resources: names.map((resourceName) => ({
        resourceType: ConfigResourceTypes.TOPIC,
        resourceName,
        configurationKeys: options.keys ?? null,
      })),
      includeDocumentation: options.documentation ?? false,
    });
  } catch (error) {
    const mapped = toAppError(error, 'describing topic configuration');
    if (mapped.code === 'UNKNOWN_TOPIC' && names.length === 1)
      throw new AppError('UNKNOWN_TOPIC', `topic "${names[0]}" does not exist`);
    throw mapped;
  }
  for (const resource of described) {
    result.set(
      resource.resourceName,
      resource.configs
        .map((c) => {
          const source = sources[c.configSource] ?? 'unknown';
          return {
            name: c.name,
            value: c.isSensitive ? null : (c.value ?? null),
            source,
            isDefault: source === 'default',
            isSensitive: c.isSensitive,
            readOnly: c.readOnly,
            // Kafka's descriptions carry HTML for its web docs; the console shows plain text.
            documentation: c.documentation ? c.documentation.replace(/<[^>]+>/g, '') : null,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }
  return result;
}
