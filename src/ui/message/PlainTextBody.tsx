import { Fragment, useMemo, useState, type MouseEvent } from 'react';
import { parsePlainText, splitLongRuns, type TextBlock } from '../../sanitize/index.ts';
import type { TextSegment } from '../../sanitize/index.ts';

/**
 * Plain text rendered as React text: markup in a mail stays characters. A mailto: link
 * clicked opens `onMailto` (the app's compose) when given, the system's handler otherwise.
 */
export function PlainTextBody({ text, onMailto }: { text: string; onMailto?: (href: string) => void }) {
  const blocks = useMemo(() => parsePlainText(text), [text]);
  const onClick = (e: MouseEvent) => {
    const link = (e.target as Element | null)?.closest?.('a[href]');
    const href = link?.getAttribute('href') ?? '';
    if (!onMailto || !/^mailto:/i.test(href)) return;
    e.preventDefault();
    onMailto(href);
  };
  return (
    <div className="msg-text" onClick={onClick}>
      <Blocks blocks={blocks} />
    </div>
  );
}

function Blocks({ blocks }: { blocks: readonly TextBlock[] }) {
  return (
    <>
      {blocks.map((block, index) =>
        block.kind === 'text' ? <Paragraph key={index} segments={block.segments} /> : <Quote key={index} block={block} />,
      )}
    </>
  );
}

/** Text with a <wbr> in every very long unbroken run (see sanitize/longRuns.ts: an
 * unbroken megabyte would otherwise freeze the page in layout). */
function Breakable({ text }: { text: string }) {
  const pieces = splitLongRuns(text);
  if (pieces.length === 1) return <>{text}</>;
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </>
  );
}

function Paragraph({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <div className="msg-text-run">
      {segments.map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            <Breakable text={segment.text} />
          </a>
        ) : (
          <Breakable key={index} text={segment.text} />
        ),
      )}
    </div>
  );
}

function Quote({ block }: { block: Extract<TextBlock, { kind: 'quote' }> }) {
  const [open, setOpen] = useState(!block.folded);
  return (
    <div className="msg-text-quote-wrap">
      {block.folded ? (
        <button type="button" className="msg-quote-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide quoted text' : `Show quoted text (${block.lines} ${block.lines === 1 ? 'line' : 'lines'})`}
        </button>
      ) : null}
      {open ? (
        <blockquote className="msg-text-quote">
          <Blocks blocks={block.blocks} />
        </blockquote>
      ) : null}
    </div>
  );
}
