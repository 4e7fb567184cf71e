/**
 * A realistic, deterministic mail corpus: the same seed and count always give the same
 * bytes. Built with nodemailer's MailComposer (RFC 2047 names and subjects, MIME trees);
 * threads with In-Reply-To/References, plain and HTML bodies, inline cid: images,
 * attachments, several charsets (UTF-8, ISO-8859-1, Shift_JIS), many senders, dates over
 * two years. Cached under .cache/seed/<seed>-<count>/ so a 100k corpus is built once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { prng } from './prng.ts';

export interface SeedMessage {
  /** Where it goes: a role (inbox, archive, sent, trash, junk) or a folder name. */
  mailbox: string;
  keywords: string[];
  receivedAt: string;
  file: string;
}

export interface Corpus {
  dir: string;
  messages: SeedMessage[];
}

const FIRST = [
  'Zoë',
  'Łukasz',
  'Priya',
  'Sofía',
  'Mats',
  'Aiko',
  'Olusegun',
  'François',
  'Ingrid',
  'Dmitri',
  'Nguyễn',
  'Carmen',
  'Yusuf',
  'Hanna',
  'Björn',
  'Mei',
  'Rafael',
  'Ayşe',
  'Tomás',
  'Chloé',
];
const LAST = [
  'Lefèvre',
  'Żółkiewski',
  'Natarajan',
  'Martínez',
  'Lindqvist',
  'Tanaka',
  'Adeyemi',
  'Dubois',
  'Haugen',
  'Volkov',
  'Văn An',
  'Ortega',
  'Demir',
  'Schäfer',
  'Ødegaard',
  'Chen',
  'Moreira',
  'Yılmaz',
  'Ó Briain',
  'Girard',
];
const DOMAINS = ['example.net', 'example.org', 'mail.example.com', 'corp.example', 'uni.example.edu'];
const TOPICS = [
  'the quarterly report',
  'Thursday’s meeting',
  'the new office',
  'our trip to Kyōto',
  'the budget',
  'the release',
  'dinner on Friday',
  'the contract',
  'the conference talk',
  'the garden project',
  'Übersetzung der Dokumentation',
  'le déménagement',
  'la propuesta',
  'the invoice',
  'the onboarding plan',
];
const WORDS =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
    ' ',
  );

function sentence(r: () => number, n: number): string {
  const w = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!);
  return w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1) + ' ' + w.slice(1).join(' ') + '.';
}
function paragraph(r: () => number): string {
  return Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence(r, 6 + Math.floor(r() * 12))).join(' ');
}

/** A tiny valid PNG (1x1), and a tiny PDF: real formats for previews. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\r\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
/** "こんにちは、会議の件です。" in Shift_JIS (Node cannot encode it; fixed bytes). */
const SHIFT_JIS = Buffer.from('82b182f182c982bf82cd814189ef8b6382cc8c8f82c582b78142', 'hex');

export function corpusDir(root: string, seed: number, count: number): string {
  return join(root, '.cache', 'seed', `${seed}-${count}`);
}

/** Builds (or reuses) the corpus. */
export async function buildCorpus(opts: {
  seed: number;
  count: number;
  root: string;
  me?: string;
  onProgress?: (n: number) => void;
}): Promise<Corpus> {
  const dir = corpusDir(opts.root, opts.seed, opts.count);
  const index = join(dir, 'index.json');
  if (existsSync(index)) return { dir, messages: JSON.parse(readFileSync(index, 'utf8')) as SeedMessage[] };
  mkdirSync(dir, { recursive: true });
  const r = prng(opts.seed);
  const me = opts.me ?? 'alice@example.test';
  const people = Array.from({ length: 120 }, (_, i) => ({
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    address: `${FIRST[i % FIRST.length]!.normalize('NFD')
      .replace(/[^a-zA-Z]/g, '')
      .toLowerCase()}.${i}@${DOMAINS[i % DOMAINS.length]}`,
  }));
  const now = Date.UTC(2026, 10, 22, 12);
  const span = 2 * 365 * 24 * 3600 * 1000;
  const messages: SeedMessage[] = [];
  const threads: { subject: string; ids: string[]; people: number[] }[] = [];
  for (let i = 0; i < opts.count; i++) {
    // Older first; the newest message is the last one.
    const received = new Date(now - span + Math.floor((span * (i + r() * 0.5)) / opts.count));
    const continueThread = threads.length > 0 && r() < 0.35;
    const thread = continueThread
      ? threads[Math.floor(r() * Math.min(threads.length, 50)) + Math.max(0, threads.length - 50)]!
      : {
          subject: `About ${TOPICS[Math.floor(r() * TOPICS.length)]}${r() < 0.3 ? ` (${i})` : ''}`,
          ids: [],
          people: [Math.floor(r() * people.length), Math.floor(r() * people.length)],
        };
    if (!continueThread) threads.push(thread);
    const fromMe = r() < 0.15;
    const other = people[thread.people[Math.floor(r() * thread.people.length)]!]!;
    const messageId = `<seed-${opts.seed}-${i}@${fromMe ? 'example.test' : other.address.split('@')[1]}>`;
    const kind = r();
    const html = kind < 0.35;
    const inline = html && r() < 0.4;
    const attach = r() < 0.15;
    const charset = r();
    const body = Array.from({ length: 1 + Math.floor(r() * 4) }, () => paragraph(r)).join('\n\n');
    const base = {
      from: fromMe ? { name: 'Alice Example', address: me } : other,
      to: fromMe ? other : { name: 'Alice Example', address: me },
      ...(r() < 0.2 ? { cc: people[Math.floor(r() * people.length)] } : {}),
      subject: `${thread.ids.length ? 'Re: ' : ''}${thread.subject}`,
      messageId,
      date: received,
      ...(thread.ids.length ? { inReplyTo: thread.ids[thread.ids.length - 1], references: thread.ids.slice(-10).join(' ') } : {}),
    };
    let content: Record<string, unknown>;
    if (!html && charset < 0.08) {
      content = {
        alternatives: [
          {
            contentType: 'text/plain; charset=iso-8859-1',
            content: Buffer.from(`Ça coûte ${i} €? Très cher. Für Müller: Grüße.\r\n\r\n${body.replace(/\n/g, '\r\n')}`, 'latin1'),
          },
        ],
      };
    } else if (!html && charset < 0.12) {
      content = { alternatives: [{ contentType: 'text/plain; charset=shift_jis', content: SHIFT_JIS }] };
    } else if (html) {
      const img = inline ? `<p><img src="cid:chart-${i}@seed" alt="chart" width="120"></p>` : '';
      content = {
        text: body,
        html: `<div style="font-family:sans-serif"><p>${body.split('\n\n').join('</p><p>')}</p>${img}<p style="color:#666">— ${base.from.name}</p></div>`,
        ...(inline ? { attachments: [{ filename: 'chart.png', content: PNG, cid: `chart-${i}@seed` }] } : {}),
      };
    } else {
      content = { text: `${body}\n\n-- \n${base.from.name}` };
    }
    if (attach) {
      const extra = [{ filename: r() < 0.5 ? `Résumé ${i}.pdf` : `report-${i}.pdf`, content: pdf(thread.subject) }];
      content.attachments = [...((content.attachments as unknown[]) ?? []), ...extra];
    }
    const built = await new MailComposer({ ...base, ...content } as ConstructorParameters<typeof MailComposer>[0]).compile().build();
    // Every line end CRLF (RFC 5322): MailComposer keeps the LFs of text it quotes-printable
    // encodes, and Cyrus refuses those messages ("Message contains bare newlines").
    const raw = Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    const file = `${String(i).padStart(6, '0')}.eml`;
    writeFileSync(join(dir, file), raw);
    thread.ids.push(messageId);
    const where = fromMe
      ? 'sent'
      : r() < 0.6
        ? 'inbox'
        : r() < 0.75
          ? 'archive'
          : r() < 0.85
            ? ['Projects', 'Receipts', 'Travel'][Math.floor(r() * 3)]!
            : r() < 0.6
              ? 'junk'
              : 'trash';
    const keywords = [...(fromMe || r() < 0.7 ? ['$seen'] : []), ...(r() < 0.05 ? ['$flagged'] : [])];
    messages.push({ mailbox: where, keywords, receivedAt: received.toISOString().replace(/\.\d{3}Z$/, 'Z'), file });
    if (i % 1000 === 999) opts.onProgress?.(i + 1);
  }
  writeFileSync(index, JSON.stringify(messages));
  return { dir, messages };
}
