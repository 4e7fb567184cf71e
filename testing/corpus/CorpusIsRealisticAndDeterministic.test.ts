import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from './corpus.ts';

const roots = [mkdtempSync(join(tmpdir(), 'corpus-a-')), mkdtempSync(join(tmpdir(), 'corpus-b-'))];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('the seed corpus', () => {
  it('is the same bytes for the same seed, and realistic mail that parses back', async () => {
    const a = await buildCorpus({ seed: 7, count: 300, root: roots[0]! });
    const b = await buildCorpus({ seed: 7, count: 300, root: roots[1]! });
    expect(a.messages).toEqual(b.messages);
    const raw = (c: typeof a, i: number) => readFileSync(join(c.dir, c.messages[i]!.file));
    // MailComposer adds random MIME boundaries; everything else must match.
    const strip = (buf: Buffer) => buf.toString('latin1').replace(/--_NmP-[0-9a-f]+-Part_\d+/g, 'B');
    for (const i of [0, 150, 299]) expect(strip(raw(a, i))).toBe(strip(raw(b, i)));

    const parsed = await Promise.all(a.messages.map((_, i) => PostalMime.parse(raw(a, i))));
    // Every line ends CRLF (Cyrus refuses bare LF).
    for (let i = 0; i < a.messages.length; i++) expect(/[^\r]\n/.test(raw(a, i).toString('latin1'))).toBe(false);
    const charsets = new Set(a.messages.map((_, i) => /charset=([\w-]+)/i.exec(raw(a, i).toString('latin1'))?.[1]?.toLowerCase()));
    expect(charsets).toEqual(new Set(['utf-8', 'iso-8859-1', 'shift_jis']));
    expect(parsed.some((p) => p.text?.includes('こんにちは'))).toBe(true);
    expect(parsed.some((p) => p.text?.includes('Ça coûte'))).toBe(true);
    // RFC 2047 names and subjects decode back to their letters.
    expect(parsed.some((p) => /[ëłźíöø]/i.test(p.from?.name ?? ''))).toBe(true);
    expect(readFileSync(join(a.dir, a.messages[0]!.file), 'latin1')).toMatch(/=\?UTF-8\?[QB]\?/);
    // HTML with inline cid: images, and attachments.
    expect(parsed.some((p) => p.html?.includes('cid:') && p.attachments.some((x) => x.contentId))).toBe(true);
    expect(parsed.some((p) => p.attachments.some((x) => x.mimeType === 'application/pdf'))).toBe(true);
    // Threads: replies point at an earlier message of the corpus.
    const ids = new Set(parsed.map((p) => p.messageId));
    const replies = parsed.filter((p) => p.inReplyTo);
    expect(replies.length).toBeGreaterThan(30);
    expect(replies.every((p) => ids.has(p.inReplyTo!))).toBe(true);
    // Many senders, dates over about two years, newest last.
    expect(new Set(parsed.map((p) => p.from?.address)).size).toBeGreaterThan(40);
    const dates = a.messages.map((m) => Date.parse(m.receivedAt));
    expect(dates[dates.length - 1]! - dates[0]!).toBeGreaterThan(600 * 24 * 3600 * 1000);
  }, 60_000);
});
