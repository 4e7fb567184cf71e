/**
 * The Outbox list in words a person reads (pure): one line per thing they did, named by
 * its subject or a count and its destination ("Archive “Kestrel budget”", "Move 2
 * messages to Receipts", "Send “Plans” to Ann"), coalesced as the flusher coalesces
 * (src/outbox plan.ts): per message, only the last change of each kind counts, and a
 * change that leaves the server's row as it is reads as nothing. Read marks (what
 * opening a message does) make at most one line, and none for mail that another line
 * already moves or deletes.
 */
import type { Intent, OutboxView } from '../../outbox/index.ts';

/** What the lines need to know of one message: the server's row, as the mirror holds it. */
export interface EmailFacts {
  subject: string | null;
  threadId: string;
  keywords: Readonly<Record<string, boolean>>;
  mailboxIds: Readonly<Record<string, true>>;
}

export interface FolderFacts {
  id: string;
  name: string;
  role?: string | null;
}

export interface LineFacts {
  emails: ReadonlyMap<string, EmailFacts>;
  folders: readonly FolderFacts[];
  online: boolean;
  now: number;
}

export interface OutboxLine {
  key: string;
  /** What was done: "Archive “Kestrel budget follow-up”". */
  words: string;
  /** Where it is: "sending in 7 s", "Will be sent when you are back online", "failed: …". */
  state: string;
  /** A send still in its undo window. */
  held: boolean;
  /** The outbox items this line stands for (its buttons act on all of them). */
  items: OutboxView[];
}

type MailKind = 'keywords' | 'move' | 'destroy' | 'restore';
type MailIntent = Extract<Intent, { kind: MailKind }>;

const isMail = (intent: Intent): intent is MailIntent =>
  intent.kind === 'keywords' || intent.kind === 'move' || intent.kind === 'destroy' || intent.kind === 'restore';

const emailsOf = (intent: MailIntent): string[] => (intent.kind === 'restore' ? Object.keys(intent.emails) : intent.emailIds);

/** The keywords an intent sets (true) or clears (false). */
function keywordsOf(intent: MailIntent, emailId: string): Record<string, boolean> {
  if (intent.kind === 'keywords')
    return Object.fromEntries([...(intent.add ?? []).map((k) => [k, true]), ...(intent.remove ?? []).map((k) => [k, false])]);
  if (intent.kind === 'move') return intent.keywords ?? {};
  if (intent.kind === 'restore') return intent.emails[emailId]?.keywords ?? {};
  return {};
}

/** The mailboxes an intent leaves the message in, or undefined when it does not move it. */
function mailboxesAfter(intent: MailIntent, emailId: string, before: Readonly<Record<string, true>>): Record<string, true> | undefined {
  if (intent.kind === 'move') {
    const after: Record<string, true> = { ...before };
    if (intent.fromMailboxId) delete after[intent.fromMailboxId];
    else for (const k of Object.keys(after)) delete after[k];
    after[intent.toMailboxId] = true;
    return after;
  }
  if (intent.kind === 'restore') return intent.emails[emailId]?.mailboxIds;
  return undefined;
}

const sameSet = (a: Readonly<Record<string, true>>, b: Readonly<Record<string, true>>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k]);
};

/**
 * For each mail item, the messages whose change by that item still counts: the last
 * change of each keyword and of the folders wins, and one that ends where the server's
 * row already is counts for nothing (read then unread; moved and moved back).
 */
function survivingEmails(mail: readonly OutboxView[], facts: LineFacts): Map<string, Set<string>> {
  const lastKeyword = new Map<string, string>(); // `${email} ${keyword}` -> item id
  const lastPlace = new Map<string, string>(); // email -> item id (move, destroy, restore)
  const wanted = new Map<string, Record<string, true> | 'gone'>();
  for (const item of mail) {
    const intent = item.intent as MailIntent;
    for (const id of emailsOf(intent)) {
      for (const k of Object.keys(keywordsOf(intent, id))) lastKeyword.set(`${id} ${k}`, item.id);
      const server = facts.emails.get(id);
      const current = wanted.get(id);
      if (intent.kind === 'destroy') {
        lastPlace.set(id, item.id);
        wanted.set(id, 'gone');
        continue;
      }
      const after = mailboxesAfter(intent, id, current && current !== 'gone' ? current : (server?.mailboxIds ?? {}));
      if (after) {
        lastPlace.set(id, item.id);
        wanted.set(id, after);
      }
    }
  }
  const out = new Map<string, Set<string>>();
  for (const item of mail) {
    const intent = item.intent as MailIntent;
    const kept = new Set<string>();
    for (const id of emailsOf(intent)) {
      const server = facts.emails.get(id);
      const place = wanted.get(id);
      const moves = lastPlace.get(id) === item.id && (place === 'gone' || !server || !sameSet(place!, server.mailboxIds));
      const keywords = Object.entries(keywordsOf(intent, id)).some(
        ([k, on]) => lastKeyword.get(`${id} ${k}`) === item.id && (!server || (server.keywords[k] === true) !== on),
      );
      if (moves || keywords) kept.add(id);
    }
    out.set(item.id, kept);
  }
  return out;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** “Subject” for one conversation, else a count of messages (or conversations, when some hold several). */
function what(ids: readonly string[], facts: LineFacts): string {
  const known = ids.map((id) => facts.emails.get(id));
  const threads = new Set(known.map((e, i) => e?.threadId ?? ids[i]!));
  if (threads.size === 1) {
    const subject = known.find((e) => e?.subject)?.subject?.trim();
    if (subject) return `“${subject}”`;
    if (known[0]) return '“(no subject)”';
  }
  return threads.size === ids.length ? plural(ids.length, 'message') : plural(threads.size, 'conversation');
}

function folderName(facts: LineFacts, id: string): string {
  return facts.folders.find((f) => f.id === id)?.name ?? 'another folder';
}

const roleOf = (facts: LineFacts, id: string) => facts.folders.find((f) => f.id === id)?.role ?? null;

function mailWords(intent: MailIntent, ids: readonly string[], facts: LineFacts): string {
  const x = what(ids, facts);
  switch (intent.kind) {
    case 'destroy':
      return `Delete ${x} for good`;
    case 'restore':
      return `Put ${x} back as it was`;
    case 'move': {
      if (intent.keywords?.$junk) return `Report ${x} as spam`;
      if (intent.keywords?.$notjunk) return `Mark ${x} as not spam`;
      const role = roleOf(facts, intent.toMailboxId);
      if (role === 'archive') return `Archive ${x}`;
      if (role === 'trash') return `Delete ${x}`;
      return `Move ${x} to ${folderName(facts, intent.toMailboxId)}`;
    }
    case 'keywords': {
      const [k, on] = Object.entries(keywordsOf(intent, ids[0] ?? ''))[0] ?? ['', true];
      const words: Record<string, [string, string]> = {
        $seen: ['Mark # as read', 'Mark # as unread'],
        $flagged: ['Star #', 'Unstar #'],
        $answered: ['Mark # as answered', 'Mark # as not answered'],
        $forwarded: ['Mark # as forwarded', 'Mark # as not forwarded'],
      };
      const [yes, no] = words[k] ?? [`Set ${k} on #`, `Clear ${k} from #`];
      return (on ? yes : no).replace('#', x);
    }
  }
}

const isReadMark = (intent: Intent) => intent.kind === 'keywords' && (intent.add ?? []).join() === '$seen' && !(intent.remove ?? []).length;

function names(intent: Extract<Intent, { kind: 'send' }>): string {
  const all = [...intent.content.to, ...intent.content.cc, ...intent.content.bcc];
  const first = all[0] ? all[0].name?.trim() || all[0].email : 'nobody';
  return all.length > 1 ? `${first} and ${plural(all.length - 1, 'other')}` : first;
}

function stateWords(line: readonly OutboxView[], kind: Intent['kind'], facts: LineFacts): { state: string; held: boolean } {
  const failed = line.find((i) => i.state === 'failed');
  if (failed) return { state: `failed${failed.reason ? `: ${failed.reason}` : ''}`, held: false };
  const held = line.find((i) => i.state === 'held' && (i.sendAt ?? 0) > facts.now);
  if (held) return { state: `sending in ${Math.ceil(((held.sendAt ?? facts.now) - facts.now) / 1000)} s`, held: true };
  const reason = line.find((i) => i.reason)?.reason;
  if (!facts.online)
    return { state: kind === 'send' ? 'Will be sent when you are back online' : 'Will be done when you are back online', held: false };
  if (line.some((i) => i.state === 'sending')) return { state: 'sending…', held: false };
  return { state: reason ? `waiting: ${reason}` : kind === 'send' ? 'sending soon' : 'waiting', held: false };
}

/** The outbox's items (oldest first) as the lines of the Outbox list. */
export function outboxLines(items: readonly OutboxView[], facts: LineFacts): OutboxLine[] {
  const mail = items.filter((i) => isMail(i.intent));
  const surviving = survivingEmails(mail, facts);
  const placed = new Set(mail.filter((i) => i.intent.kind !== 'keywords').flatMap((i) => [...surviving.get(i.id)!]));
  const lines: OutboxLine[] = [];
  const reads: { item: OutboxView; ids: string[] }[] = [];
  const dropped: OutboxView[] = [];
  for (const item of items) {
    const intent = item.intent;
    let words: string;
    if (isMail(intent)) {
      let ids = [...surviving.get(item.id)!];
      // Opening mail that is then archived or deleted: the read mark goes with that line.
      if (isReadMark(intent)) ids = ids.filter((id) => !placed.has(id));
      // Nothing left to do on the server (and nothing failed to say): no line of its own.
      if (!ids.length && item.state !== 'failed') {
        dropped.push(item);
        continue;
      }
      if (!ids.length) ids = emailsOf(intent);
      if (isReadMark(intent) && item.state !== 'failed') {
        reads.push({ item, ids });
        continue;
      }
      words = mailWords(intent, ids, facts);
    } else if (intent.kind === 'send') {
      words = `Send “${intent.content.subject.trim() || '(no subject)'}” to ${names(intent)}`;
    } else {
      words = item.summary;
    }
    lines.push({ key: item.id, words, items: [item], ...stateWords([item], intent.kind, facts) });
  }
  if (reads.length) {
    const ids = [...new Set(reads.flatMap((r) => r.ids))];
    const list = reads.map((r) => r.item);
    const line: OutboxLine = {
      key: list[0]!.id,
      words: mailWords({ kind: 'keywords', emailIds: ids, add: ['$seen'] }, ids, facts),
      items: list,
      ...stateWords(list, 'keywords', facts),
    };
    const at = lines.findIndex((l) => l.items[0]!.createdAt > list[0]!.createdAt);
    lines.splice(at < 0 ? lines.length : at, 0, line);
  }
  // A change a later one replaced goes with the later one's line (its Undo and Discard).
  for (const item of dropped) {
    const touched = new Set(emailsOf(item.intent as MailIntent));
    const later = lines.findLast((l) =>
      l.items.some((i) => i.createdAt > item.createdAt && isMail(i.intent) && emailsOf(i.intent).some((id) => touched.has(id))),
    );
    later?.items.push(item);
  }
  return lines;
}
