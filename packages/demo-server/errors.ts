import type { JsonObject, SetError } from './wire.ts';

/**
 * A method-level error (RFC 8620 3.6.2): the method call is answered with
 * ["error", { type, description }, callId] and the request goes on.
 */
export class MethodError extends Error {
  readonly type: string;
  readonly extra: JsonObject;
  constructor(type: string, description: string, extra: JsonObject = {}) {
    super(description);
    this.type = type;
    this.extra = extra;
  }
  toJson(): JsonObject {
    return { type: this.type, description: this.message, ...this.extra };
  }
}

/** A per-object /set failure (RFC 8620 5.3 SetError), thrown inside one create/update/destroy. */
export class SetFailure extends Error {
  readonly error: SetError;
  constructor(type: string, description: string, more: Omit<SetError, 'type' | 'description'> = {}) {
    super(description);
    this.error = { type, description, ...more };
  }
}

export const invalidProperties = (description: string, properties: string[]): SetFailure =>
  new SetFailure('invalidProperties', description, { properties });

export const invalidArguments = (description: string): MethodError => new MethodError('invalidArguments', description);

/**
 * A request-level error (RFC 8620 3.6.1), sent as RFC 7807 problem details.
 * `limit` names the limit for urn:ietf:params:jmap:error:limit.
 */
export class RequestError extends Error {
  readonly status: number;
  readonly type: string;
  readonly limit: string | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, type: string, detail: string, opts: { limit?: string; headers?: Record<string, string> } = {}) {
    super(detail);
    this.status = status;
    this.type = type;
    this.limit = opts.limit;
    this.headers = opts.headers ?? {};
  }
  body(): JsonObject {
    const body: JsonObject = { type: this.type, status: this.status, detail: this.message };
    if (this.limit) body.limit = this.limit;
    return body;
  }
}

export const JMAP_ERROR = {
  unknownCapability: 'urn:ietf:params:jmap:error:unknownCapability',
  notJSON: 'urn:ietf:params:jmap:error:notJSON',
  notRequest: 'urn:ietf:params:jmap:error:notRequest',
  limit: 'urn:ietf:params:jmap:error:limit',
} as const;

export const limitError = (limit: string, detail: string, status = 400): RequestError =>
  new RequestError(status, JMAP_ERROR.limit, detail, { limit });
