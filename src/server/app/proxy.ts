import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FORCED_ANSWER_HEADERS, answerHeaders, refusalBody, refusedTarget } from '../../../packages/app-origin/index.ts';

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
 * with its own absolute URL (http://127.0.0.1:8080/jmap, no trailing slash); a Location
 * on the upstream's origin is rewritten to a path on ours so discovery stays same-origin.
 *
 * Because the upstream answers on our origin, its answers are held to
 * packages/app-origin/jmap-guard.ts: a request target that decodes to a control character is refused with 400 and never
 * forwarded, only the headers JMAP needs pass, and every answer is labelled so it can
 * never render as a document of ours (downloads as attachments). Surprise from Cyrus
 * 3.6.1 (seen in Chromium): the download URL's {name} segment is percent-decoded and
 * copied into `Content-Disposition` without escaping CR/LF or quotes (and `?accept=`
 * into Content-Type the same way), so `/jmap/download/A/B/x%0D%0ASet-Cookie:%20a=b`
 * gave a Set-Cookie on the app's origin, and `Clear-Site-Data: "storage"` wiped the
 * mirror and the unsent outbox. Cyrus also sends an origin-wide `Alt-Svc` on every
 * answer (docs/servers/cyrus.md). The request's Cookie header is not forwarded either: the
 * app's origin's cookies are not the mail server's.
 */
export function proxyToUpstream(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
  const refused = refusedTarget(req.url ?? '/');
  if (refused) {
    req.resume();
    res.writeHead(400, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...FORCED_ANSWER_HEADERS });
    res.end(refusalBody(refused));
    return;
  }
  const target = new URL(req.url ?? '/', upstream);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, host: target.host };
  delete headers['connection'];
  delete headers['cookie'];
  const outgoing = send(target, { method: req.method, headers }, (answer) => {
    const out = answerHeaders(answer.headers, target.pathname);
    const location = answer.headers.location;
    if (location) {
      const loc = URL.parse(location, target);
      if (!loc) delete out.location;
      else if (loc.origin === upstream.origin) out.location = loc.pathname + loc.search;
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
    res.writeHead(502, { 'Content-Type': 'application/problem+json', ...FORCED_ANSWER_HEADERS });
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
