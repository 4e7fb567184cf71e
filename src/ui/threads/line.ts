import type { ListRow } from '../../store/rows.ts';
// The module itself, not the index: the index would pull DOMPurify into the first download.
import { displayText } from '../../sanitize/displayText.ts';
import { who } from './format.ts';
import { initials, tone } from './avatar.ts';

/** One line of the message list: a conversation as it stands in this folder. */
export interface ThreadLine {
  threadId: string;
  /** The newest email in this folder: what opening the line starts from. */
  emailId: string;
  emailIds: string[];
  receivedMs: number;
  senders: string;
  subject: string;
  preview: string;
  count: number;
  unread: boolean;
  flagged: boolean;
  attachment: boolean;
  /** The first sender's initials avatar (the name the row starts with): its letters and tone (threads/avatar.ts). */
  initials: string;
  tone: number;
}

/** The line of a list row (src/store ListRow: the row carries what the line shows). */
export function toLine(row: ListRow): ThreadLine {
  const first = row.senders.find((a) => a);
  const names = [...new Set(row.senders.map((a) => who(a ? [a] : null)))];
  return {
    threadId: row.threadId,
    emailId: row.emailId,
    emailIds: row.emailIds,
    receivedMs: row.receivedMs,
    senders: names.length > 3 ? `${names.slice(0, 2).join(', ')} … ${names[names.length - 1]}` : names.join(', '),
    // Cut and cleaned like every header shown (a 1 MB Subject made a 1 MB list row).
    subject: displayText(row.subject) || '(no subject)',
    preview: displayText(plainPreview(row.preview), 300),
    count: row.emailIds.length,
    unread: row.unreadIds.length > 0,
    flagged: row.flaggedIds.length > 0,
    attachment: row.attachment,
    initials: initials(first?.name, first?.email),
    tone: tone(first?.email),
  };
}

/**
 * Surprise from Cyrus 3.6: for a message with only an HTML body its `preview` is the HTML
 * source ("<html><body><h1>Hello…"). A list line wants words: drop tags, head and style
 * content, and decode the common entities. Text previews come back unchanged.
 */
export function plainPreview(preview: string): string {
  if (!/<[a-z!/][^>]*>/i.test(preview)) return preview;
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return preview
    .replace(/<(style|script|head|title)\b[^>]*>[\s\S]*?(<\/\1>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, name: string) => {
      if (name[0] === '#') {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return entities[name.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
