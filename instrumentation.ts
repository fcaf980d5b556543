/** Runs once when the server starts: refuses an unsafe binding before any request is served. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkStartup } = await import('./lib/auth/startup-check');
  checkStartup();
}
