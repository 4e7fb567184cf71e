/**
 * A batch: several method calls sent together, with result references between them
 * (`handle.ref('/ids')`) and creation ids (`'#k'`). `send()` splits it into as few HTTP
 * requests as the server's limits allow (split.ts keeps dependent calls together) and
 * sends them one after another.
 *
 *   const b = client.batch();
 *   const q = b.call('Email/query', { filter: { inMailbox: inbox }, limit: 50 });
 *   const g = b.call('Email/get', { '#ids': q.ref('/ids'), properties: ['subject'] });
 *   await b.send();
 *   g.result.list; // or g.error
 */
import { JmapError, MethodError, ProtocolError, RequestError, UnsupportedError } from './errors.ts';
import { capabilitiesFor, type ArgsOf, type MethodName, type ResponseOf } from './methods/method-map.ts';
import { checkMethodResponse } from './response-guards.ts';
import { groupCalls, planRequests, UnsplittableError, type PlannedCall } from './split.ts';
import type { Id, Invocation, JmapRequestBody, JmapResponseBody, ResultReference } from './wire/core.ts';
import { CAPABILITY, type CoreCapability } from './wire/session.ts';
import { isObject } from './guards.ts';

/** Any argument may instead be a result reference under its name prefixed with "#". */
export type RefArgs<A> = { [K in keyof A as K extends string ? `#${K}` : never]?: ResultReference };
/**
 * Arguments of a call: every property optional (accountId defaults to the primary account,
 * and a required one may come from a `#reference`), plus the `#` reference forms.
 */
export type CallArgs<M extends MethodName> = Partial<ArgsOf<M>> & RefArgs<ArgsOf<M>>;

/** What a batch needs from the client. */
export interface BatchTransport {
  readonly limits: CoreCapability;
  supports(capability: string): boolean;
  defaultAccountFor(method: string): Id | undefined;
  post(body: JmapRequestBody, signal?: AbortSignal): Promise<JmapResponseBody>;
  readonly apiUrl: string;
}

type State<R> = { s: 'pending' } | { s: 'ok'; value: R } | { s: 'failed'; error: JmapError };

export class CallHandle<R = unknown> {
  private state: State<R> = { s: 'pending' };
  /**
   * Further responses the server sent under this call id, e.g. the implicit Email/set
   * after EmailSubmission/set with onSuccessUpdateEmail (RFC 8621 §7.5).
   */
  readonly implicit: Invocation[] = [];

  constructor(
    readonly callId: string,
    readonly method: string,
  ) {}

  /** A result reference to this call's response (or to an implicit response `name`). */
  ref(path: string, name: string = this.method): ResultReference {
    return { resultOf: this.callId, name, path };
  }

  /** The response; throws the call's error (MethodError, or the request's failure). */
  get result(): R {
    if (this.state.s === 'ok') return this.state.value;
    if (this.state.s === 'failed') throw this.state.error;
    throw new Error(`${this.method} (${this.callId}) has no result yet: send the batch first`);
  }

  get error(): JmapError | undefined {
    return this.state.s === 'failed' ? this.state.error : undefined;
  }

  get settled(): boolean {
    return this.state.s !== 'pending';
  }

  /** @internal */
  settle(state: State<R>): void {
    if (this.state.s === 'pending') this.state = state;
  }
}

interface Entry {
  handle: CallHandle<unknown>;
  method: string;
  args: Record<string, unknown>;
  capabilities: string[];
}

const FEATURE_NAMES: Record<string, string> = {
  [CAPABILITY.mail]: 'email over JMAP',
  [CAPABILITY.submission]: 'sending mail over JMAP',
  [CAPABILITY.vacationResponse]: 'vacation replies',
  [CAPABILITY.blob]: 'blob management',
};

export interface BatchOptions {
  /** Creation id -> id from earlier requests, so "#k" references to them resolve (RFC 8620 §3.3). */
  createdIds?: Record<string, Id>;
}

export class Batch {
  private readonly entries: Entry[] = [];
  private sent = false;
  /** Creation ids resolved so far: the ones passed in plus every object created by this batch. */
  readonly createdIds: Record<string, Id>;

  constructor(
    private readonly transport: BatchTransport,
    options: BatchOptions = {},
  ) {
    this.createdIds = { ...options.createdIds };
  }

  get size(): number {
    return this.entries.length;
  }

  call<M extends MethodName>(method: M, args: CallArgs<M>): CallHandle<ResponseOf<M>> {
    return this.callUntyped(method, args as Record<string, unknown>) as CallHandle<ResponseOf<M>>;
  }

  /** A call outside the typed map (a vendor extension); `capabilities` defaults by method name. */
  callUntyped(method: string, args: Record<string, unknown>, capabilities = capabilitiesFor(method)): CallHandle<Record<string, unknown>> {
    if (this.sent) throw new Error('This batch was already sent; start a new one');
    const handle = new CallHandle<Record<string, unknown>>(`c${this.entries.length}`, method);
    this.entries.push({ handle: handle as CallHandle<unknown>, method, args: { ...args }, capabilities });
    return handle;
  }

  /**
   * Sends every call. Resolves when all are answered (method errors land on the handles);
   * rejects with the first request-level failure, after marking every call of that and
   * later requests with it. Without sending: calls needing a capability the session lacks
   * fail with UnsupportedError, and a group of interdependent calls larger than
   * maxCallsInRequest fails with a RequestError (limit) — the calls depending on them too.
   */
  async send(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.sent) throw new Error('This batch was already sent; start a new one');
    this.sent = true;
    const all: PlannedCall[] = this.entries.map((e) => ({ callId: e.handle.callId, method: e.method, args: e.args }));
    const maxCalls = this.transport.limits.maxCallsInRequest;
    const sendable: Entry[] = [];
    for (const group of groupCalls(all)) {
      const fail = (error: JmapError) => group.forEach((i) => this.entries[i]!.handle.settle({ s: 'failed', error }));
      const missing = group.flatMap((i) => this.entries[i]!.capabilities.filter((c) => !this.transport.supports(c)));
      if (missing.length) fail(new UnsupportedError(FEATURE_NAMES[missing[0]!] ?? missing[0]!));
      else if (group.length > maxCalls) {
        const detail = new UnsplittableError(group.length, maxCalls).message;
        fail(new RequestError({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxCallsInRequest', detail }, 0));
      } else for (const i of group) sendable.push(this.entries[i]!);
    }
    sendable.sort((a, b) => Number(a.handle.callId.slice(1)) - Number(b.handle.callId.slice(1)));
    for (const e of sendable) {
      if (e.args.accountId === undefined && e.args['#accountId'] === undefined) {
        const accountId = this.transport.defaultAccountFor(e.method);
        if (accountId !== undefined) e.args.accountId = accountId;
      }
    }

    const planned = sendable.map((e) => ({ callId: e.handle.callId, method: e.method, args: e.args }));
    const requests = planRequests(planned, this.transport.limits);

    for (let r = 0; r < requests.length; r++) {
      const entries = requests[r]!.map((i) => sendable[i]!);
      try {
        await this.sendOne(entries, options.signal);
      } catch (err) {
        const error = err instanceof JmapError ? err : new ProtocolError(String(err), this.transport.apiUrl);
        for (const later of requests.slice(r)) for (const i of later) sendable[i]!.handle.settle({ s: 'failed', error });
        throw error;
      }
    }
  }

  private async sendOne(entries: Entry[], signal: AbortSignal | undefined): Promise<void> {
    const using = [...new Set(entries.flatMap((e) => e.capabilities))].sort();
    const body: JmapRequestBody = {
      using,
      methodCalls: entries.map((e) => [e.method, e.args, e.handle.callId]),
    };
    if (Object.keys(this.createdIds).length) body.createdIds = { ...this.createdIds };
    const response = await this.transport.post(body, signal);
    if (response.createdIds) Object.assign(this.createdIds, response.createdIds);

    const byId = new Map(entries.map((e) => [e.handle.callId, e]));
    for (const [name, args, callId] of response.methodResponses) {
      const entry = byId.get(callId);
      if (!entry) continue;
      const h = entry.handle;
      if (h.settled) {
        h.implicit.push([name, args, callId]);
        continue;
      }
      if (name === 'error') {
        const type = typeof args.type === 'string' ? args.type : 'serverFail';
        h.settle({ s: 'failed', error: new MethodError(type, entry.method, callId, args) });
        continue;
      }
      if (name !== entry.method) {
        // An implicit response arriving before the primary one.
        h.implicit.push([name, args, callId]);
        continue;
      }
      try {
        checkMethodResponse(name, args, this.transport.apiUrl);
        this.noteCreated(args);
        h.settle({ s: 'ok', value: args });
      } catch (err) {
        h.settle({ s: 'failed', error: err instanceof JmapError ? err : new ProtocolError(String(err)) });
      }
    }
    for (const e of entries) {
      if (!e.handle.settled) {
        e.handle.settle({
          s: 'failed',
          error: new ProtocolError(`the server did not answer ${e.method} (call ${e.handle.callId})`, this.transport.apiUrl),
        });
      }
      // Implicit responses are handed over unchecked: they are extras, not what was asked.
      for (const [name, args] of e.handle.implicit) if (name !== 'error') this.noteCreated(args);
    }
  }

  /** Remembers creation id -> id from a /set, /copy or /import response. */
  private noteCreated(args: Record<string, unknown>): void {
    if (!isObject(args.created)) return;
    for (const [cid, obj] of Object.entries(args.created)) {
      if (isObject(obj) && typeof obj.id === 'string') this.createdIds[cid] = obj.id;
    }
  }
}
