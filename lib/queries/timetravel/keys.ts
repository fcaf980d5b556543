/** Query keys of aggregate time travel: `['clusters', cluster, 'timetravel', …]`. */
export const timetravelKeys = {
  all: (cluster: string) => ['clusters', cluster, 'timetravel'] as const,
  streams: (cluster: string) => [...timetravelKeys.all(cluster), 'streams'] as const,
  partitioner: (cluster: string, topic: string) =>
    [...timetravelKeys.all(cluster), 'partitioner', topic] as const,
  verify: (cluster: string, stream: string, id: string, snapshotOffset?: string) =>
    [...timetravelKeys.all(cluster), 'verify', stream, id, snapshotOffset ?? 'latest'] as const,
};
