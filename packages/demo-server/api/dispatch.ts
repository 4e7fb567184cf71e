import { JMAP_ERROR, MethodError, RequestError, limitError } from '../errors.ts';
import { makeCtx, type Ctx, type Services } from '../methods/context.ts';
import { capabilityOf, findMethod } from '../methods/registry.ts';
import type { User } from '../data/users.ts';
import { CAPABILITY, type Invocation, type JmapRequest, type JmapResponse, type JsonObject } from '../wire.ts';
import { resolveReferences } from './references.ts';

export const SUPPORTED_CAPABILITIES: string[] = [
  CAPABILITY.core,
  CAPABILITY.mail,
  CAPABILITY.submission,
  CAPABILITY.vacation,
  CAPABILITY.contacts,
];

/** Checks the request object's shape (RFC 8620 3.3); throws the request-level error. */
export function validateRequest(body: unknown, maxCalls: number): JmapRequest {
  const bad = (why: string) => new RequestError(400, JMAP_ERROR.notRequest, `This is not a JMAP request: ${why}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('the body must be a JSON object');
  const r = body as Record<string, unknown>;
  if (!Array.isArray(r.using) || !r.using.every((u) => typeof u === 'string')) throw bad('"using" must be a list of capability URIs');
  if (!Array.isArray(r.methodCalls)) throw bad('"methodCalls" must be a list');
  for (const call of r.methodCalls) {
    if (
      !Array.isArray(call) ||
      call.length !== 3 ||
      typeof call[0] !== 'string' ||
      typeof call[2] !== 'string' ||
      typeof call[1] !== 'object' ||
      call[1] === null ||
      Array.isArray(call[1])
    ) {
      throw bad('each method call must be [name, arguments object, call id]');
    }
  }
  if (r.createdIds !== undefined && (typeof r.createdIds !== 'object' || r.createdIds === null || Array.isArray(r.createdIds))) {
    throw bad('"createdIds" must be an object');
  }
  const unknown = (r.using as string[]).filter((u) => !SUPPORTED_CAPABILITIES.includes(u));
  if (unknown.length) {
    throw new RequestError(400, JMAP_ERROR.unknownCapability, `This server does not support ${unknown.join(', ')}`);
  }
  if (r.methodCalls.length > maxCalls) {
    throw limitError('maxCallsInRequest', `The request has ${r.methodCalls.length} method calls; this server takes at most ${maxCalls}`);
  }
  return r as unknown as JmapRequest;
}

/** Runs the method calls in order, resolving result references and creation ids (RFC 8620 3.3-3.7). */
export async function processRequest(services: Services, user: User, req: JmapRequest, sessionState: string): Promise<JmapResponse> {
  const using = new Set(req.using);
  const ctx: Ctx = makeCtx(services, user, using, req.createdIds);
  const responses: Invocation[] = [];
  for (const [name, rawArgs, callId] of req.methodCalls) {
    const emit = (n: string, args: JsonObject) => responses.push([n, args, callId]);
    try {
      const handler = findMethod(services.profile, name);
      if (!handler) throw new MethodError('unknownMethod', `This server does not know the method ${name}`);
      if (!using.has(capabilityOf(name))) {
        throw new MethodError('unknownMethod', `${name} needs ${capabilityOf(name)} in "using"`);
      }
      const args = resolveReferences(rawArgs, responses);
      const out = await handler(args, ctx);
      if ('responses' in out && Array.isArray(out.responses)) {
        for (const [n, a] of out.responses as [string, JsonObject][]) emit(n, a);
      } else {
        emit(name, out as JsonObject);
      }
    } catch (e) {
      if (e instanceof MethodError) emit('error', e.toJson());
      else {
        console.error(`demo server: ${name} failed:`, e);
        emit('error', { type: 'serverFail', description: `The server failed on ${name}: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  }
  const res: JmapResponse = { methodResponses: responses, sessionState };
  if (req.createdIds !== undefined) res.createdIds = Object.fromEntries(ctx.creationIds) as Record<string, string>;
  return res;
}
