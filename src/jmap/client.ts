/**
 * The JMAP client: one session, typed calls, batches, blobs and push.
 * Runs in a page, a service worker and node; all it needs is `fetch` (injectable).
 */
import { authorizationHeader, type Auth } from './auth.ts';
import { Batch, type BatchOptions, type BatchTransport, type CallArgs } from './batch.ts';
import { downloadBlob, uploadBlob, type BlobContext, type DownloadOptions, type UploadData } from './blobs.ts';
import { NotJmapError, ProtocolError, UnsupportedError } from './errors.ts';
import { openEvents, type EventsOptions } from './events.ts';
import { errorForStatus, exchange, type FetchLike } from './http.ts';
import { Limiter } from './limiter.ts';
import { METHOD_CAPABILITY, type MethodName, type ResponseOf } from './methods/method-map.ts';
import type { GetResponse } from './methods/standard.ts';
import { checkResponseBody } from './response-guards.ts';
import { discoverSession, refetchSession, type SessionFetchOptions } from './session.ts';
import { chunk, chunkSetArgs } from './split.ts';
import { originOf } from './urls.ts';
import type { UploadResponse } from './wire/blob.ts';
import type { Id, JmapRequestBody, JmapResponseBody } from './wire/core.ts';
import type { StateChange, WebPushVapidCapability } from './wire/push.ts';
import { CAPABILITY, type CoreCapability, type Session } from './wire/session.ts';

export interface ConnectOptions {
  /** A server URL ("https://mail.example.com", tries /.well-known/jmap) or a session URL. */
  url: string;
  auth: Auth;
  /** Defaults to globalThis.fetch; tests inject one to count or cut requests. */
  fetch?: FetchLike;
  /**
   * Point every absolute URL in the session (and discovery redirects) at the origin of
   * `url`: for servers behind a proxy that name their internal host (James defaults to
   * http://localhost), and for the app's same-origin proxy.
   */
  rewriteUrlsToOrigin?: boolean;
  /** Per API request (and session fetch), including reading the answer. Default 30 s. */
  timeoutMs?: number;
  /** Per upload or download. Default 10 min. */
  transferTimeoutMs?: number;
  /** Aborts the connect itself. */
  signal?: AbortSignal;
}

/** Methods with /get semantics that getInChunks can split. */
export type GetMethod = {
  [M in MethodName]: ResponseOf<M> extends GetResponse<infer _T> ? (M extends `${string}/get` ? M : never) : never;
}[MethodName];

type ChunkableSetMethod = 'Mailbox/set' | 'Email/set' | 'Identity/set' | 'EmailSubmission/set';

export async function connect(options: ConnectOptions): Promise<JmapClient> {
  // credentials 'omit': JMAP authenticates with the Authorization header alone. With the
  // default ('same-origin'), a 401 carrying `WWW-Authenticate: Basic` (Cyrus and the demo
  // server send one) makes Chromium open its own password dialog over the page, and a
  // headless one waits on it forever: a wrong password then looked like a timeout.
  const inner: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const fetchImpl: FetchLike = (input, init) => inner(input, { credentials: 'omit', ...init });
  const authorization = authorizationHeader(options.auth);
  const fetchOpts: SessionFetchOptions = {
    fetch: fetchImpl,
    authorization,
    timeoutMs: options.timeoutMs ?? 30_000,
    signal: options.signal,
    rewriteOrigin: options.rewriteUrlsToOrigin ? originOf(options.url) : undefined,
  };
  const { session, sessionUrl } = await discoverSession(options.url, fetchOpts);
  return new JmapClient(session, sessionUrl, { ...fetchOpts, signal: undefined }, options.transferTimeoutMs ?? 600_000);
}

export class JmapClient implements BatchTransport {
  private current: Session;
  private refreshing: Promise<Session> | undefined;
  private readonly listeners = new Set<(s: Session) => void>();
  private readonly apiLimiter: Limiter;
  private readonly uploadLimiter: Limiter;
  private readonly downloadLimiter: Limiter;
  /** The last background session refetch failure, if the latest one failed. */
  lastSessionError: unknown;
  private refetchedForState: string | undefined;

  constructor(
    session: Session,
    readonly sessionUrl: string,
    private readonly http: SessionFetchOptions,
    private readonly transferTimeoutMs: number,
  ) {
    this.current = session;
    const limits = session.capabilities[CAPABILITY.core];
    this.apiLimiter = new Limiter(limits.maxConcurrentRequests);
    this.downloadLimiter = new Limiter(limits.maxConcurrentRequests);
    this.uploadLimiter = new Limiter(limits.maxConcurrentUpload);
    if (!this.supports(CAPABILITY.mail)) {
      throw new UnsupportedError('email', 'This JMAP server does not offer email (no urn:ietf:params:jmap:mail capability)');
    }
    if (!this.primaryAccountFor(CAPABILITY.mail)) {
      throw new NotJmapError(sessionUrl, 'the session lists no mail account');
    }
  }

  get session(): Session {
    return this.current;
  }

  get limits(): CoreCapability {
    return this.current.capabilities[CAPABILITY.core];
  }

  /** The primary mail account. */
  get accountId(): Id {
    return this.primaryAccountFor(CAPABILITY.mail)!;
  }

  get apiUrl(): string {
    return this.current.apiUrl;
  }

  get username(): string {
    return this.current.username;
  }

  /** True when the session lists the capability (server-wide). */
  supports(capability: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.current.capabilities, capability);
  }

  /** The server's VAPID key (RFC 9749), when it offers Web Push signed with one. */
  get applicationServerKey(): string | undefined {
    const cap = this.current.capabilities[CAPABILITY.webPushVapid] as Partial<WebPushVapidCapability> | undefined;
    return typeof cap?.applicationServerKey === 'string' && cap.applicationServerKey !== '' ? cap.applicationServerKey : undefined;
  }

  /** The account's capability object (e.g. submission's submissionExtensions), if present. */
  accountCapability<T = Record<string, unknown>>(capability: string, accountId: Id = this.accountId): T | undefined {
    return this.current.accounts[accountId]?.accountCapabilities[capability] as T | undefined;
  }

  primaryAccountFor(capability: string): Id | undefined {
    const id = this.current.primaryAccounts[capability];
    if (id !== undefined) return id;
    // Some servers list primary accounts only for core/mail: fall back to the only account.
    const ids = Object.keys(this.current.accounts);
    return ids.length >= 1 && capability === CAPABILITY.mail ? ids[0] : this.current.primaryAccounts[CAPABILITY.mail];
  }

  onSessionChange(listener: (s: Session) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches the session again (one fetch at a time; concurrent callers share it). */
  refreshSession(signal?: AbortSignal): Promise<Session> {
    this.refreshing ??= refetchSession(this.sessionUrl, { ...this.http, signal })
      .then(({ session }) => {
        this.lastSessionError = undefined;
        this.apply(session);
        return session;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private apply(session: Session): void {
    const changed = JSON.stringify(session) !== JSON.stringify(this.current);
    this.current = session;
    const limits = session.capabilities[CAPABILITY.core];
    this.apiLimiter.setMax(limits.maxConcurrentRequests);
    this.downloadLimiter.setMax(limits.maxConcurrentRequests);
    this.uploadLimiter.setMax(limits.maxConcurrentUpload);
    if (changed) for (const l of this.listeners) l(session);
  }

  /**
   * The account a method acts on by default: the primary account for its capability.
   * Core/echo and methods outside the typed map get none (echo would echo it back).
   */
  defaultAccountFor(method: string): Id | undefined {
    const cap = (METHOD_CAPABILITY as Record<string, string | undefined>)[method];
    return cap && cap !== CAPABILITY.core ? this.primaryAccountFor(cap) : undefined;
  }

  batch(options?: BatchOptions): Batch {
    return new Batch(this, options);
  }

  /** One call; resolves with its response or rejects with its error (MethodError, ...). */
  async call<M extends MethodName>(method: M, args: CallArgs<M>, options: { signal?: AbortSignal } = {}): Promise<ResponseOf<M>> {
    const b = this.batch();
    const h = b.call(method, args);
    try {
      await b.send(options);
    } catch {
      // The handle carries the same error.
    }
    return h.result;
  }

  /**
   * A /get for any number of ids: split into calls of at most maxObjectsInGet ids (and
   * requests of at most maxCallsInRequest calls), merged into one response. `state` is
   * the first piece's: the earliest, so changes between pieces are picked up by the next
   * /changes rather than lost.
   */
  async getInChunks<M extends GetMethod>(
    method: M,
    args: CallArgs<M> & { ids: Id[] },
    options: { signal?: AbortSignal } = {},
  ): Promise<ResponseOf<M>> {
    const pieces = args.ids.length ? chunk(args.ids, this.limits.maxObjectsInGet) : [[]];
    const b = this.batch();
    const handles = pieces.map((ids) => b.call(method, { ...args, ids } as CallArgs<M>));
    try {
      await b.send(options);
    } catch {
      // Surfaced below through the handles.
    }
    const results = handles.map((h) => h.result as unknown as GetResponse<unknown>);
    const first = results[0]!;
    return {
      ...first,
      list: results.flatMap((r) => r.list),
      notFound: results.flatMap((r) => r.notFound ?? []),
    } as unknown as ResponseOf<M>;
  }

  /**
   * A /set with any number of objects, split by maxObjectsInSet (see chunkSetArgs for
   * ifInState). Returns each piece's response in order; method errors reject.
   */
  async setInChunks<M extends ChunkableSetMethod>(
    method: M,
    args: CallArgs<M>,
    options: { signal?: AbortSignal } = {},
  ): Promise<ResponseOf<M>[]> {
    const pieces = chunkSetArgs(args as Parameters<typeof chunkSetArgs>[0], this.limits.maxObjectsInSet);
    const b = this.batch();
    const handles = pieces.map((p) => b.call(method, p as CallArgs<M>));
    try {
      await b.send(options);
    } catch {
      // Surfaced below through the handles.
    }
    return handles.map((h) => h.result);
  }

  private blobContext(): BlobContext {
    return {
      fetch: this.http.fetch,
      authorization: this.http.authorization,
      uploadUrl: this.current.uploadUrl,
      downloadUrl: this.current.downloadUrl,
      maxSizeUpload: this.limits.maxSizeUpload,
      timeoutMs: this.transferTimeoutMs,
      uploadLimiter: this.uploadLimiter,
      downloadLimiter: this.downloadLimiter,
    };
  }

  /** Uploads bytes (RFC 8620 §6.1); refuses before sending when above maxSizeUpload (TooLargeError). */
  upload(data: UploadData, type: string, options: { accountId?: Id; signal?: AbortSignal } = {}): Promise<UploadResponse> {
    return uploadBlob(this.blobContext(), options.accountId ?? this.accountId, data, type, options.signal);
  }

  /** Downloads a blob's bytes (RFC 8620 §6.2). */
  download(blobId: Id, options: DownloadOptions = {}): Promise<Blob> {
    return downloadBlob(this.blobContext(), options.accountId ?? this.accountId, blobId, options);
  }

  /**
   * StateChange events from the event source. Throws PushUnavailableError when the
   * server has no push (Cyrus 3.6 answers 204): poll instead.
   */
  events(options: EventsOptions = {}): AsyncGenerator<StateChange> {
    return openEvents(
      {
        fetch: this.http.fetch,
        authorization: this.http.authorization,
        eventSourceUrl: this.current.eventSourceUrl,
        connectTimeoutMs: this.http.timeoutMs,
      },
      options,
    );
  }

  /**
   * One HTTP request to apiUrl. A 404 means the session moved: refetch it and try once
   * more. A sessionState different from ours starts a background session refetch.
   */
  async post(body: JmapRequestBody, signal?: AbortSignal): Promise<JmapResponseBody> {
    if (this.refreshing) await this.refreshing.catch(() => undefined);
    const json = JSON.stringify(body);
    const once = () =>
      this.apiLimiter.run(() =>
        exchange(this.http.fetch, this.apiUrl, {
          method: 'POST',
          headers: { Authorization: this.http.authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: json,
          signal,
          timeoutMs: this.http.timeoutMs,
          read: 'text',
        }),
      );
    let ex = await once();
    if (ex.status === 404) {
      try {
        await this.refreshSession(signal);
        ex = await once();
      } catch {
        // Keep the 404: classify() says refetchSession.
      }
    }
    const url = this.apiUrl;
    if (ex.status < 200 || ex.status >= 300) throw errorForStatus(ex, url, 'api');
    let raw: unknown;
    try {
      raw = JSON.parse(ex.text);
    } catch {
      const snippet = ex.text.slice(0, 60).replace(/\s+/g, ' ');
      throw new ProtocolError(`the answer is not JSON (it starts with "${snippet}")`, url);
    }
    const response = checkResponseBody(raw, url);
    // Refetch once per new sessionState, so a server whose two states never agree does
    // not cause a refetch per request.
    if (response.sessionState !== this.current.state && response.sessionState !== this.refetchedForState) {
      this.refetchedForState = response.sessionState;
      this.refreshSession().catch((err: unknown) => {
        this.lastSessionError = err;
      });
    }
    return response;
  }
}
