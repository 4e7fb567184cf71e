/**
 * A server's SearchSnippet (RFC 8621 §5) is HTML: the matched words in <mark>, the rest
 * escaped text. It is turned into text runs here and rendered as React text, never as
 * markup: a server that escapes badly (or mail text that survives its escaping) cannot
 * put an element on the page, and the page's Trusted Types would refuse the markup
 * anyway. Parsed by DOMPurify into an inert fragment (its own Trusted Types policy),
 * keeping only <mark>.
 */
import DOMPurify from 'dompurify';
// The modules themselves, not the index (which brings the mail sanitizer).
import { inlineText } from '../../sanitize/displayText.ts';
import { purifyTrustedTypes } from '../../sanitize/trustedTypes.ts';

export interface SnippetSegment {
  text: string;
  marked: boolean;
}

/** At most this much snippet text is shown (a snippet is a line, not a body). */
const MAX_SNIPPET_CHARS = 400;

export function snippetSegments(html: string): SnippetSegment[] {
  const fragment = DOMPurify.sanitize(html.slice(0, 20_000), {
    ALLOWED_TAGS: ['mark'],
    ALLOWED_ATTR: [],
    RETURN_DOM_FRAGMENT: true,
    ...purifyTrustedTypes(),
  });
  const out: SnippetSegment[] = [];
  let room = MAX_SNIPPET_CHARS;
  const walk = (node: Node, marked: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (room <= 0) return;
      if (child.nodeType === Node.TEXT_NODE) {
        // A run keeps its own spacing (it ends mid-sentence at a <mark>): inlineText, not displayText.
        const text = inlineText(child.textContent ?? '').slice(0, room);
        if (!text) continue;
        room -= text.length;
        const last = out[out.length - 1];
        if (last && last.marked === marked) last.text += text;
        else out.push({ text, marked });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, marked || (child as Element).localName === 'mark');
      }
    }
  };
  walk(fragment, false);
  return out;
}
