/**
 * Topics the console does not write to by default: Kafka's own (`__consumer_offsets`,
 * `__transaction_state`), anything else starting with `_` (the registry's `_schemas`, the
 * console's `_console-audit`, Confluent's `_confluent-*`), and Apicurio's storage topics.
 * Writing there could corrupt the registry or forge audit entries. Pure.
 */
const REGISTRY_STORAGE = new Set(['kafkasql-journal', 'kafkasql-snapshots', 'registry-events']);

export function isInternalTopic(name: string): boolean {
  return name.startsWith('_') || REGISTRY_STORAGE.has(name);
}
