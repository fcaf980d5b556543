/** Query keys of the audit trail: `['clusters', cluster, 'audit', filters]`. */
export const auditKeys = {
  list: (cluster: string, filters: { actor?: string; action?: string; q?: string }) =>
    ['clusters', cluster, 'audit', filters] as const,
};
