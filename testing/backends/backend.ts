/**
 * The contract between the engine/e2e test suites and the JMAP servers they run against.
 * A vitest globalSetup starts a backend and `provide('backend', descriptor)`s it; tests
 * read it with `inject('backend')`. The descriptor is plain JSON (it crosses to workers).
 *
 * Every engine test runs against each backend (vitest projects engine-cyrus and
 * engine-demo). A test that needs something only one backend has (fault switches, push)
 * checks `backend.capabilities` and says why it does not apply.
 */
import 'vitest';

export interface TestUser {
  /** The login name (Cyrus: the bare local part). */
  username: string;
  password: string;
  /** The address other users send to. */
  email: string;
}

export interface TestBackend {
  name: 'cyrus' | 'demo';
  /** e.g. http://127.0.0.1:38123 — the server's own origin. */
  origin: string;
  /** The URL a client gives to discovery: origin + '/.well-known/jmap'. */
  wellKnownUrl: string;
  /** The JMAP session resource, e.g. origin + '/jmap/'. */
  sessionUrl: string;
  users: { alice: TestUser; bob: TestUser };
  capabilities: {
    /** The server pushes over its eventSourceUrl (Cyrus 3.6 from Debian does not). */
    push: boolean;
    /** Fault switches reachable at controlUrl (demo server only). */
    faults: boolean;
    /** EmailSubmission really delivers to the other local user. */
    delivery: boolean;
    /** Identity/set changes an identity (Cyrus 3.6 answers unknownMethod). */
    identitySet: boolean;
    /**
     * Held submissions are listed (EmailSubmission/query and /get), so they can be found and
     * canceled (the demo's James profile has neither, as James).
     */
    listsSubmissions: boolean;
    /** VacationResponse/get and /set answer (Cyrus 3.6 drops the connection on /get). */
    vacationResponse: boolean;
  };
  /** Demo server: POST JSON here to switch faults at run time. */
  controlUrl?: string;
  /**
   * Delivers a raw RFC 5322 message into a user's Inbox as if it came from outside
   * (Cyrus: LMTP; demo: its control endpoint), by testing/mail/deliver.ts.
   */
  deliver: { kind: 'lmtp'; host: string; port: number } | { kind: 'control'; url: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    backend: TestBackend;
  }
}
