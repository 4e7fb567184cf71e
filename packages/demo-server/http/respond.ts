import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestError, limitError } from '../errors.ts';

/** Small HTTP helpers shared by the routes. */

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(data);
}

/** A request-level error as RFC 7807 problem details (RFC 8620 3.6.1). */
export function sendProblem(res: ServerResponse, err: RequestError): void {
  const data = Buffer.from(JSON.stringify(err.body()));
  res.writeHead(err.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
    ...err.headers,
  });
  res.end(data);
}

export function problem(status: number, detail: string, type = 'about:blank', headers: Record<string, string> = {}): RequestError {
  return new RequestError(status, type, detail, { headers });
}

/** Reads a request body, refusing more than max bytes with the JMAP limit error. */
export async function readBody(req: IncomingMessage, max: number, limitName: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    throw limitError(limitName, `The body is ${declared} bytes; ${limitName} is ${max}`, limitName === 'maxSizeUpload' ? 413 : 400);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) {
      req.resume();
      throw limitError(limitName, `The body is more than ${max} bytes (${limitName})`, limitName === 'maxSizeUpload' ? 413 : 400);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
