/** Query keys of schema review: `['clusters', cluster, 'schemas', …]`; one subject's are under `subject(cluster, name)`. */
export const schemaKeys = {
  all: (cluster: string) => ['clusters', cluster, 'schemas'] as const,
  list: (cluster: string) => [...schemaKeys.all(cluster), 'list'] as const,
  subject: (cluster: string, subject: string) => [...schemaKeys.all(cluster), 'subject', subject] as const,
  detail: (cluster: string, subject: string) => [...schemaKeys.subject(cluster, subject), 'detail'] as const,
  diff: (cluster: string, subject: string, from: number | undefined, to: number | undefined) =>
    [...schemaKeys.subject(cluster, subject), 'diff', { from, to }] as const,
};
