/** Query keys of aggregate time travel: `['clusters', cluster, 'timetravel', …]`. */
export const timetravelKeys = {
  all: (cluster: string) => ['clusters', cluster, 'timetravel'] as const,
  streams: (cluster: string) => [...timetravelKeys.all(cluster), 'streams'] as const,
  partitioner: (cluster: string, topic: string) =>
    [...timetravelKeys.all(cluster), 'partitioner', topic] as const,
  verify: (cluster: string, stream: string, id: string, snapshotOffset?: string) =>
    [...timetravelKeys.all(cluster), 'verify', stream, id, snapshotOffset ?? 'latest'] as const,
  /** A page of one replay's steps: the replay is its request (without `at`) and the end offsets it read to. */
  steps: (cluster: string, replay: string, ends: string, page: number) =>
    [...timetravelKeys.all(cluster), 'steps', replay, ends, page] as const,
};
