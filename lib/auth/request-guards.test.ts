import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  crossSiteRefusal,
  hostName,
  hostRefusal,
  isJsonContentType,
} from './request-guards';

const headers = (h: Record<string, string>) => new Headers(h);

describe('host allow-list (DNS rebinding)', () => {
  it('answers to loopback names on any port', () => {
    for (const h of ['localhost:3000', '127.0.0.1:3205', '[::1]:80', '127.0.0.2', 'app.localhost'])
      expect(hostRefusal(h, [])).toBeNull();
  });

  it('refuses a forged or rebinding host name unless configured', () => {
    expect(hostRefusal('evil.example:3000', [])).toMatch(/does not answer to the host name "evil.example"/);
    expect(hostRefusal('console.corp.example', ['console.corp.example'])).toBeNull();
    expect(hostRefusal('CONSOLE.corp.example:443', ['console.corp.example'])).toBeNull();
    expect(hostRefusal(null, [])).toMatch(/no Host/);
    expect(hostName('[::1]:3000')).toBe('[::1]');
  });
});

describe('cross-site writes', () => {
  it('refuses a form post from another site', () => {
    expect(
      crossSiteRefusal(
        headers({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }),
        '127.0.0.1:3000',
      ),
    ).toMatch(/cross-site/);
    expect(crossSiteRefusal(headers({ origin: 'http://evil.example' }), '127.0.0.1:3000')).toMatch(
      /evil\.example/,
    );
    expect(crossSiteRefusal(headers({ 'sec-fetch-site': 'same-site' }), '127.0.0.1:3000')).toMatch(
      /same-site/,
    );
    expect(crossSiteRefusal(headers({ origin: 'null' }), '127.0.0.1:3000')).toMatch(/opaque/);
  });

  it('lets the console itself and non-browser clients through', () => {
    expect(
      crossSiteRefusal(
        headers({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
        '127.0.0.1:3000',
      ),
    ).toBeNull();
    expect(crossSiteRefusal(headers({}), '127.0.0.1:3000')).toBeNull();
  });

  it('accepts only JSON bodies', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe('content security policy', () => {
  it('forbids framing and plugins, and evaluation outside development', () => {
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy(true)).toContain('unsafe-eval');
  });
});
