import { useEffect, useLayoutEffect, useRef } from 'react';
import { trustedFrameDocument } from '../trustedTypes.ts';
import { MESSAGE_FRAME_SANDBOX } from './frameSandbox.ts';
import { useFrameHeight } from './useFrameHeight.ts';

export interface MessageFrameProps {
  /** A whole document from `buildFrameDocument` (sanitized body + CSP). */
  document: string;
  title: string;
  onMailto?: (href: string) => void;
  /** Called on every height change, first once the document has loaded. */
  onHeight?: (heightPx: number) => void;
}

/** The sandboxed frame a sanitized HTML message is shown in. */
export function MessageFrame({ document, title, onMailto, onHeight }: MessageFrameProps) {
  const frame = useRef<HTMLIFrameElement | null>(null);
  const { height, onLoad } = useFrameHeight(frame, onHeight);
  const mailto = useRef(onMailto);
  useEffect(() => {
    mailto.current = onMailto;
  }, [onMailto]);

  // Set through the DOM, not React's srcDoc prop: under the page's Trusted Types (see
  // trustedTypes.ts) srcdoc takes a TrustedHTML, which React would turn into a string.
  useLayoutEffect(() => {
    if (frame.current) frame.current.srcdoc = trustedFrameDocument(document);
  }, [document]);

  const load = () => {
    // The empty document an iframe starts with also fires load: only the mail counts.
    if (frame.current?.contentDocument?.URL !== 'about:srcdoc') return;
    onLoad();
    // Runs in the parent (the frame has no script); a mailto: click becomes the app's
    // own compose action when one is given, instead of the system mail handler.
    frame.current?.contentDocument?.addEventListener('click', (event) => {
      const target = event.target as { closest?: (selector: string) => Element | null } | null;
      const link = target?.closest?.('a[href]');
      const href = link?.getAttribute('href') ?? '';
      if (mailto.current && /^mailto:/i.test(href)) {
        event.preventDefault();
        mailto.current(href);
      }
    });
  };

  return (
    <iframe
      ref={frame}
      className="msg-frame"
      title={title}
      sandbox={MESSAGE_FRAME_SANDBOX}
      referrerPolicy="no-referrer"
      onLoad={load}
      style={height === null ? undefined : { height: `${height}px` }}
    />
  );
}
