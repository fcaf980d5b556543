/** Runs once when the server starts: refuses an unsafe binding before any request is served. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkStartup } = await import('./lib/auth/startup-check');
  checkStartup();
  // The key index is built in the background by the server itself, once per process; a build
  // serves no requests and indexes nothing.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ getConfig }, { startKeyIndexers }] = await Promise.all([
    import('./lib/config'),
    import('./lib/keyindex/indexer'),
  ]);
  startKeyIndexers(getConfig().clusters);
}
