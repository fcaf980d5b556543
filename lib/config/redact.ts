/**
 * A URL as it may be shown or logged: user info (`http://user:secret@host`) removed. Secrets
 * in configuration stay on the server; a URL that reaches the browser or an error message goes
 * through this first. Text that is not a URL is returned without anything that looks like
 * user info. Pure.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // Not a URL: drop anything between "//" and "@" all the same.
    return url.replace(/\/\/[^/@\s]*@/g, '//');
  }
}

/** The credentials of a URL's user info, decoded, and the URL without them. */
export function splitUrlCredentials(url: string): { url: string; username?: string; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (!parsed.username && !parsed.password) return { url };
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), username, password };
}
