import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Paths that belong to the JMAP server; everything else is the app's. */
export function isJmapPath(pathname: string): boolean {
  return pathname === '/jmap' || pathname.startsWith('/jmap/') || pathname.startsWith('/.well-known/jmap');
}

/**
 * Forwards one request to the upstream JMAP server and streams the answer back
 * (event streams included: nothing is buffered).
 *
 * Why a proxy at all: Cyrus answers CORS preflights with 401, so the browser must reach
 * it from the app's own origin. Surprise from Cyrus: `/.well-known/jmap` answers 301
 * with its own absolute URL (http://127.0.0.1:8080/jmap/); a Location on the upstream's
 * origin is rewritten to a path on ours so discovery stays same-origin.
 */
export function proxyToUpstream(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', upstream);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, host: target.host };
  delete headers['connection'];
  const outgoing = send(target, { method: req.method, headers }, (answer) => {
    const out = { ...answer.headers };
    const location = answer.headers.location;
    if (location) {
      const loc = new URL(location, target);
      if (loc.origin === upstream.origin) out.location = loc.pathname + loc.search;
    }
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  outgoing.on('error', (err) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'Content-Type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'about:blank',
        status: 502,
        title: 'Mail server unreachable',
        detail: `The app server could not reach the mail server at ${upstream.origin}: ${err.message}`,
      }),
    );
  });
  req.on('aborted', () => outgoing.destroy());
  res.on('close', () => outgoing.destroy());
  req.pipe(outgoing);
}
