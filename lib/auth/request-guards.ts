/**
 * Checks on a request's headers that keep other sites and other host names out. Pure: headers
 * in, a reason out (null when the request may go on), so they unit-test without a server.
 */

/** Names of this machine that always reach the console: it is a local tool unless configured otherwise. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host name of a Host header, lowercased and without its port. */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

export function isLoopbackHost(name: string): boolean {
  return (
    LOOPBACK_HOSTS.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name.endsWith('.localhost')
  );
}

/**
 * Why a Host header is refused (DNS rebinding: a hostile name that resolves to this machine
 * makes the browser treat the console as that site's own origin), or null. Loopback names are
 * always allowed; other names only when configured in `allowedHosts`.
 */
export function hostRefusal(hostHeader: string | null, allowedHosts: readonly string[]): string | null {
  if (!hostHeader) return 'the request has no Host header';
  const name = hostName(hostHeader);
  if (isLoopbackHost(name) || allowedHosts.some((h) => h.toLowerCase() === name)) return null;
  return `this console does not answer to the host name "${name.slice(0, 100)}"; add it to allowedHosts in the configuration`;
}

/**
 * Why a state-changing request looks cross-site, or null. Browsers send `Sec-Fetch-Site` and
 * `Origin` with every POST/PUT/PATCH/DELETE; a form or fetch from another site says so in both.
 * Clients that send neither (curl, scripts) are not browsers and cannot carry a visitor's cookies
 * unknowingly.
 */
export function crossSiteRefusal(headers: Headers, hostHeader: string | null): string | null {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none')
    return `a ${site} request may not change anything; use the console itself`;
  const origin = headers.get('origin');
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return 'the request comes from an opaque origin; use the console itself';
    }
    if (!hostHeader || originHost !== hostHeader.trim().toLowerCase())
      return `a request from ${origin.slice(0, 100)} may not change anything here`;
  }
  return null;
}

/** Whether a Content-Type header names JSON (`application/json`, optionally with parameters). */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Response headers every answer carries (pages get them from next.config.ts as well). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/**
 * The Content-Security-Policy: same-origin everything, no framing (the confirm dialogs cannot be
 * clickjacked), no plugins. Next.js inlines its bootstrap scripts and styles, hence 'unsafe-inline';
 * the development server also evaluates code.
 */
export function contentSecurityPolicy(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
