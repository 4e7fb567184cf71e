/** What the test (node) and the harness page (browser) exchange. Types only. */

/** One message to render: any mix of body and header fields. */
export interface RenderRequest {
  html?: string;
  text?: string;
  subject?: string;
  senderName?: string;
  senderEmail?: string;
  attachmentName?: string;
  /** Content-ID -> an inline part the harness turns into a blob: URL. */
  cids?: Record<string, { type: string; body: string; base64?: boolean }>;
  remoteAllowed?: boolean;
  /** CSS selectors of elements to click inside the message after it rendered. */
  click?: string[];
  /** How long to let timers, animations and loads run after rendering (ms). */
  settleMs?: number;
  /**
   * Self-test only: parse and serialise the HTML once before showing it raw. Mutation
   * XSS is markup that changes meaning on such a round trip (which every sanitizer
   * that returns a string performs), so a single parse does not show it.
   */
  roundTrip?: boolean;
}

/** Mirrors MessageBody's RenderInfo (kept separate so this file stays types-only). */
export interface RenderedInfo {
  kind: 'html' | 'text' | 'too-large' | 'failed' | 'empty';
  sanitizeMs: number;
  blockedRemote: number;
  heightPx?: number;
}

export interface RenderOutcome {
  info: RenderedInfo;
  /** From React render to the frame's first measured height (or text mounted). */
  renderMs: number;
  /** Invariant breaks found in the rendered DOM (frame and headers); empty is good. */
  violations: string[];
  /** Text of the rendered message (frame body or text body), cut to 2,000 characters. */
  visibleText: string;
  frameHeightPx: number | null;
}

export interface SanitizeTiming {
  chars: number;
  sanitizeMs: number;
  frameDocumentMs: number;
  blockedRemote: number;
  outputChars: number;
}

export interface HarnessApi {
  render(request: RenderRequest): Promise<RenderOutcome>;
  /** Every RenderInfo MessageBody reported since the last render() began. */
  renders(): RenderedInfo[];
  /** Addresses passed to onAlwaysAllowSender. */
  alwaysAllowed(): string[];
  /** UNSAFE, for the self-test: the HTML as is, in a frame that runs scripts. */
  renderRaw(request: RenderRequest): Promise<void>;
  /** UNSAFE, for the self-test: header fields written with innerHTML. */
  renderRawHeaders(request: RenderRequest): Promise<void>;
  /** The sanitizer alone (no CSP, no sandbox): proves the first wall by itself. */
  renderSanitizedScriptable(request: RenderRequest): Promise<void>;
  /** Times sanitizeEmailHtml + buildFrameDocument on a body, in this page. */
  timeSanitize(html: string): SanitizeTiming;
  decode(bytes: number[], charset: string | null): { text: string; encoding: string; fellBack: boolean };
  /** Canary calls (`top.__xss(id)`) so far. */
  hits(): string[];
  clear(): void;
}

declare global {
  interface Window {
    __harness: HarnessApi;
    __xss: (id?: unknown) => void;
  }
}
