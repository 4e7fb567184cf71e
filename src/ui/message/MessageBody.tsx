import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildFrameDocument, sanitizeEmailHtml, whyNotRenderable } from '../../sanitize/index.ts';
import { MessageFrame } from './MessageFrame.tsx';
import { PlainTextBody } from './PlainTextBody.tsx';
import { RemoteContentBar } from './RemoteContentBar.tsx';
import './message.css';

export interface RenderInfo {
  /** What was shown ('too-large' also covers markup nested too deeply). */
  kind: 'html' | 'text' | 'too-large' | 'failed' | 'empty';
  /** Time spent in sanitizeEmailHtml (0 for text). */
  sanitizeMs: number;
  /** Remote resources left out (0 once allowed). */
  blockedRemote: number;
  /** The frame's height once its document loaded (html only). */
  heightPx?: number;
}

export interface MessageBodyProps {
  /** The HTML body as decoded text (JMAP bodyValues of the htmlBody parts). */
  html?: string | null;
  /** The plain-text body; shown when there is no HTML, or the HTML is too large. */
  text?: string | null;
  /** Content-ID -> blob: URL of inline parts (see useCidUrls). */
  cidMap?: ReadonlyMap<string, string>;
  /** The person already allows remote content from this sender. */
  remoteAllowed?: boolean;
  /** The sender's address, named on the "Always for sender" button. */
  senderEmail?: string;
  /** Remember "always show images from this sender"; without it that button is not offered. */
  onAlwaysAllowSender?: (senderEmail: string) => void;
  /**
   * Set when the server cut a body short (RFC 8621 isTruncated) at the most the page
   * would render anyway: words completing "This message is ...". That kind is then
   * treated as too large, never shown cut without a word.
   */
  htmlRefusal?: string | null;
  textRefusal?: string | null;
  /** Shown above the body, e.g. that only its start is on this device. */
  note?: string | null;
  /** Offered when the body is too large to show safely. */
  onDownload?: () => void;
  /** mailto: links clicked in the message; without it they open the system's mail handler. */
  onMailto?: (href: string) => void;
  /** Called after each render of the body (html: once the frame has loaded). */
  onRendered?: (info: RenderInfo) => void;
  /** Accessible name of the frame. */
  title?: string;
}

type Shown =
  | { kind: 'html'; document: string; blockedRemote: number; sanitizeMs: number }
  | { kind: 'text'; text: string; note: string | null }
  | { kind: 'too-large'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'empty' };

/**
 * One message body. HTML is sanitized here, in the page, and shown in a sandboxed
 * frame whose CSP blocks remote loads until the person allows them; plain text is
 * rendered as React text. Give it a `key` per message, so "show images" for one
 * message is not carried over to the next.
 */
export function MessageBody(props: MessageBodyProps) {
  const { html, text, cidMap, remoteAllowed = false, senderEmail, onAlwaysAllowSender, onDownload, onMailto, onRendered } = props;
  const [allowedHere, setAllowedHere] = useState(false);
  const allowRemote = remoteAllowed || allowedHere;

  const shown = useMemo<Shown>(() => {
    const hasHtml = typeof html === 'string' && html.trim() !== '';
    const hasText = typeof text === 'string' && text.trim() !== '';
    const htmlRefusal = hasHtml ? (props.htmlRefusal ?? whyNotRenderable(html, 'html')) : null;
    const textRefusal = hasText ? (props.textRefusal ?? whyNotRenderable(text, 'text')) : null;
    if (hasHtml && htmlRefusal === null) {
      const started = performance.now();
      try {
        const clean = sanitizeEmailHtml(html, { allowRemote, cidMap: cidMap ?? new Map() });
        const document = buildFrameDocument(clean.html, { allowRemote, declaresColors: clean.declaresColors });
        return { kind: 'html', document, blockedRemote: clean.blockedRemote, sanitizeMs: performance.now() - started };
      } catch (error) {
        // Fail closed: a body the sanitizer cannot handle is not shown at all.
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    }
    if (hasText && textRefusal === null) {
      const note = htmlRefusal ? `The formatted version of this message is ${htmlRefusal}; this is its plain-text version.` : null;
      return { kind: 'text', text, note };
    }
    const refusal = htmlRefusal ?? textRefusal;
    if (refusal) return { kind: 'too-large', reason: refusal };
    return { kind: 'empty' };
  }, [html, text, cidMap, allowRemote, props.htmlRefusal, props.textRefusal]);

  const rendered = useRef(onRendered);
  useEffect(() => {
    rendered.current = onRendered;
  }, [onRendered]);
  useEffect(() => {
    if (shown.kind !== 'html') rendered.current?.({ kind: shown.kind, sanitizeMs: 0, blockedRemote: 0 });
  }, [shown]);

  const reportedFor = useRef<string | null>(null);
  const onHeight = useCallback(
    (heightPx: number) => {
      if (shown.kind !== 'html' || reportedFor.current === shown.document) return;
      reportedFor.current = shown.document;
      rendered.current?.({ kind: 'html', sanitizeMs: shown.sanitizeMs, blockedRemote: shown.blockedRemote, heightPx });
    },
    [shown],
  );

  return (
    <div className="msg-body">
      {props.note ? (
        <p className="msg-note" role="note">
          {props.note}
        </p>
      ) : null}
      {shown.kind === 'html' ? (
        <>
          {!allowRemote && shown.blockedRemote > 0 ? (
            <RemoteContentBar
              blockedCount={shown.blockedRemote}
              onShowOnce={() => setAllowedHere(true)}
              sender={senderEmail}
              onAlwaysForSender={
                senderEmail && onAlwaysAllowSender
                  ? () => {
                      setAllowedHere(true);
                      onAlwaysAllowSender(senderEmail);
                    }
                  : undefined
              }
            />
          ) : null}
          <MessageFrame document={shown.document} title={props.title ?? 'Message'} onMailto={onMailto} onHeight={onHeight} />
        </>
      ) : shown.kind === 'text' ? (
        <>
          {shown.note ? <p className="msg-note">{shown.note}</p> : null}
          <PlainTextBody text={shown.text} onMailto={onMailto} />
        </>
      ) : shown.kind === 'too-large' ? (
        <div className="msg-too-large" role="status">
          <p>This message is {shown.reason}.</p>
          {onDownload ? (
            <button type="button" onClick={onDownload}>
              Download it
            </button>
          ) : null}
        </div>
      ) : shown.kind === 'failed' ? (
        <div className="msg-too-large" role="status">
          <p>This message could not be shown safely.</p>
          <p className="msg-failure-reason">{shown.reason}</p>
          {onDownload ? (
            <button type="button" onClick={onDownload}>
              Download it
            </button>
          ) : null}
        </div>
      ) : (
        <p className="msg-note">This message has no text.</p>
      )}
    </div>
  );
}
