/** Where dead-letter views link to: a DLQ's triage, the original record, an aggregate's time travel. */

export function dlqHref(clusterId: string, topic: string): string {
  return `/clusters/${clusterId}/dlq/${encodeURIComponent(topic)}`;
}

export function originMessageHref(
  clusterId: string,
  topic: string,
  partition: number,
  offset: string,
): string {
  return `/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/messages?partition=${partition}&start=offset&offset=${offset}`;
}

export function timeTravelHref(clusterId: string, topic: string, key: string): string {
  return `/clusters/${clusterId}/timetravel?topic=${encodeURIComponent(topic)}&id=${encodeURIComponent(key)}`;
}
