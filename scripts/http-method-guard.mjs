/**
 * Loaded into the server process before Next.js (`node --import`, see scripts/start.mjs).
 * TRACE is a method the fetch standard forbids, so Next.js cannot build a Request for it and
 * answers 500 before any of the console's code (proxy.ts, the route wrapper) runs. It is answered
 * here instead: 405 with the console's error body. (CONNECT and TRACK never become requests: Node
 * handles them itself.) Other unsupported methods reach proxy.ts, which answers 405 with the exact
 * Allow list of the path.
 */
import http from 'node:http';

const FORBIDDEN = new Set(['TRACE']);
const ALLOW = 'GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE';
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithMethodGuard(event, request, response, ...rest) {
  if (event === 'request' && FORBIDDEN.has(request.method)) {
    const body = JSON.stringify({
      error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not supported by this server` },
    });
    response.writeHead(405, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      allow: ALLOW,
      'cache-control': 'no-store',
    });
    response.end(body);
    request.resume();
    return true;
  }
  return emit.call(this, event, request, response, ...rest);
};
