/**
 * Finds links in plain text. Only http, https and mailto become links; `www.` gets
 * https. Pure and linear in the text's length (one pass of a regex without nested
 * quantifiers), so a 10 MB body cannot stall it.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"'`\u00a0\u2000-\u200b\u3000]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’]+$/;

/** A URL often ends a sentence or sits in parentheses: "(see http://x/a_(b))." */
function trimCandidate(candidate: string): string {
  let url = candidate.replace(TRAILING_PUNCTUATION, '');
  while (url.endsWith(')')) {
    const open = url.split('(').length - 1;
    const close = url.split(')').length - 1;
    if (close <= open) break;
    url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return url;
}

export function linkHref(text: string): string | null {
  const candidate = /^www\./i.test(text) ? 'https://' + text : text;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname ? url.href : null;
  if (url.protocol === 'mailto:') return url.pathname.includes('@') ? url.href : null;
  return null;
}

export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const linkText = trimCandidate(match[0]);
    const href = linkHref(linkText);
    if (href === null) continue;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'link', text: linkText, href });
    last = start + linkText.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
