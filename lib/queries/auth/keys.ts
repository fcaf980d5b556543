/** Query keys of the browser's session: who is signed in, and their roles. */
export const authKeys = {
  session: () => ['auth', 'session'] as const,
};
