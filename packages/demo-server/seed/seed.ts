import MailComposer, { type MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import { prepareMessage, storeMessage, utcDate, type PreparedMessage } from '../mail/ingest.ts';
import { writeAccount, type Services } from '../methods/context.ts';
import { setMeta } from '../data/db.ts';
import { insertMailbox, listMailboxes } from '../data/mailboxes.ts';
import { getUser, type User } from '../data/users.ts';
import { CONTACTS, NEWSLETTERS, NEWS_HEADLINES, NOTIFIERS, SIGNATURES, SPAMMERS, SPAM_SUBJECTS, TOPICS, type Person } from './corpus.ts';
import { csv, gradientPng, icsInvite, simplePdf } from './files.ts';
import { prng } from './prng.ts';

/**
 * The demo mailbox: a few hundred messages for `demo` (threads, HTML and plain bodies,
 * attachments, inline images, non-ASCII, unread and flagged, spread over eight months)
 * and a handful for alice and bob. Content is the same on every run (a fixed PRNG seed);
 * dates count back from the moment of seeding so the mailbox looks current.
 */

interface Draft {
  from: Person;
  to: Person[];
  cc?: Person[];
  subject: string;
  date: Date;
  text?: string;
  html?: string;
  attachments?: MailComposerAttachment[];
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** A mailbox role or a custom folder name. */
  folder: string;
  keywords: Record<string, true>;
  /** Without angle brackets; generated when not given. */
  messageId?: string;
}

const DAY = 86_400_000;

export async function seedDemoData(services: Services): Promise<void> {
  const now = new Date(Math.floor(services.now().getTime() / 3_600_000) * 3_600_000);
  const demo = getUser(services.db, 'demo');
  if (demo) await seedAccount(services, demo, demoMessages(demo, now));
  for (const name of ['alice', 'bob']) {
    const u = getUser(services.db, name);
    if (u) await seedAccount(services, u, smallMailbox(u, now, name === 'alice' ? 7 : 11));
  }
  setMeta(services.db, 'seeded', now.toISOString());
}

async function seedAccount(services: Services, user: User, drafts: Draft[]): Promise<void> {
  const folders = ensureFolders(services, user);
  const prepared: { p: PreparedMessage; d: Draft }[] = [];
  let n = 0;
  for (const d of drafts) {
    n++;
    const messageId = d.messageId ?? `seed-${user.username}-${n}@demo.example.test`;
    const addr = (p: Person) => ({ name: p.name, address: p.email });
    const node = new MailComposer({
      from: addr(d.from),
      to: d.to.map(addr),
      cc: d.cc?.map(addr),
      subject: d.subject,
      date: d.date,
      messageId: `<${messageId}>`,
      inReplyTo: d.inReplyTo ? `<${d.inReplyTo}>` : undefined,
      references: d.references?.map((r) => `<${r}>`),
      text: d.text,
      html: d.html,
      attachments: d.attachments,
      headers: d.headers,
      baseBoundary: `demo${user.username}${n}`,
    }).compile();
    prepared.push({ p: await prepareMessage(await node.build()), d });
  }
  writeAccount(services, user.accountId, (rec) => {
    for (const { p, d } of prepared) {
      const mailbox = folders.get(d.folder);
      if (!mailbox) throw new Error(`Seed folder ${d.folder} is missing`);
      storeMessage(services.db, rec, user.accountId, p, {
        mailboxIds: { [mailbox]: true },
        keywords: d.keywords,
        receivedAt: utcDate(d.date),
      });
    }
  });
}

/** Role and custom folders by the name the drafts use. */
function ensureFolders(services: Services, user: User): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of listMailboxes(services.db, user.accountId)) map.set(m.role ?? m.name, m.id);
  writeAccount(services, user.accountId, (rec) => {
    const add = (name: string, parent: string | null, sortOrder: number) => {
      if (map.has(name)) return;
      const m = insertMailbox(services.db, rec, user.accountId, {
        name,
        parentId: parent ? map.get(parent)! : null,
        role: null,
        sortOrder,
        isSubscribed: true,
      });
      map.set(name, m.id);
    };
    add('Projects', null, 10);
    add('Launch', 'Projects', 11);
    add('Receipts', null, 12);
    add('Travel', null, 13);
  });
  return map;
}

function keywordsFor(r: () => number, date: Date, now: Date, opts: { own?: boolean } = {}): Record<string, true> {
  const kw: Record<string, true> = {};
  const ageDays = (now.getTime() - date.getTime()) / DAY;
  const unreadChance = ageDays < 7 ? 0.7 : ageDays < 30 ? 0.25 : 0.03;
  if (opts.own || r() >= unreadChance) kw.$seen = true;
  if (r() < 0.06) kw.$flagged = true;
  return kw;
}

function sign(r: () => number, who: Person): string {
  return `\n\n${SIGNATURES[Math.floor(r() * SIGNATURES.length)]}\n${who.name.split(' ')[0]}`;
}

function quote(text: string, who: Person, date: Date): string {
  return (
    `\n\nOn ${date.toUTCString()}, ${who.name} wrote:\n` +
    text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')
  );
}

function demoMessages(demo: User, now: Date): Draft[] {
  const r = prng(20240611);
  const me: Person = { name: demo.name, email: demo.email };
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  const out: Draft[] = [];
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - Math.floor(r() * 10 * 3_600_000));
  let threadNo = 0;

  // Conversations: every topic runs three times over the months, with 2-6 messages.
  for (let round = 0; round < 3; round++) {
    for (const topic of TOPICS) {
      threadNo++;
      const people = [pick(CONTACTS), pick(CONTACTS)].filter((p, i, a) => a.indexOf(p) === i);
      let date = at(round * 75 + r() * 70 + 0.2);
      const starterIsMe = r() < 0.3;
      let last = { from: starterIsMe ? me : people[0]!, text: topic.opening.join('\n\n') };
      const subject = round === 0 ? topic.subject : `${topic.subject} (${['part 2', 'follow-up', 'again'][round - 1]})`;
      const ids: string[] = [];
      const count = Math.min(topic.replies.length + 1, 2 + Math.floor(r() * 5));
      const folderFor = (own: boolean, daysAgo: number): string => (own ? 'sent' : (topic.folder ?? (daysAgo > 100 ? 'archive' : 'inbox')));
      for (let i = 0; i < count; i++) {
        const from = i === 0 ? last.from : last.from === me ? pick(people) : r() < 0.6 ? me : pick(people);
        const body = i === 0 ? last.text : topic.replies[i - 1]!;
        const own = from === me;
        const to = own ? people : [me];
        const cc = people.length > 1 && !own ? people.filter((p) => p !== from) : undefined;
        const text = body + sign(r, from) + (i > 0 ? quote(last.text, last.from, date) : '');
        const attachments: MailComposerAttachment[] = [];
        if (topic.subject.startsWith('Quarterly') && i === 0) {
          attachments.push({
            filename: 'budget-q3.csv',
            contentType: 'text/csv',
            content: csv([
              ['Line', 'Planned', 'Actual'],
              ['Travel', 12000, 13440],
              ['Marketing', 8000, 7850],
              ['Équipement', 4000, 3990],
            ]),
          });
        }
        if (topic.subject.startsWith('Photos') && i === 0) {
          attachments.push({
            filename: 'ridge.png',
            contentType: 'image/png',
            content: gradientPng(320, 200, [200, 220, 255], [60, 80, 120]),
          });
          attachments.push({
            filename: 'fog-valley.png',
            contentType: 'image/png',
            content: gradientPng(320, 200, [230, 230, 230], [120, 140, 150]),
          });
        }
        if (topic.subject.startsWith('Plans for the spring') && i === 2) {
          attachments.push({
            filename: 'garden-layout-v2.pdf',
            contentType: 'application/pdf',
            content: simplePdf([
              'Garden layout, version 2',
              '',
              'North bed: herbs (rosemary, thyme, sage)',
              'South fence: beans and sweet peas',
              'Path: gravel, 80 cm wide',
            ]),
          });
        }
        const daysAgo = (now.getTime() - date.getTime()) / DAY;
        const kw = keywordsFor(r, date, now, { own });
        if (own && i > 0) kw.$answered = true;
        const messageId = `thread-${threadNo}-${i}@demo.example.test`;
        out.push({
          messageId,
          from,
          to,
          cc,
          subject: i === 0 ? subject : `Re: ${subject}`,
          date,
          text,
          attachments: attachments.length ? attachments : undefined,
          inReplyTo: ids.length ? ids[ids.length - 1] : undefined,
          references: ids.length ? [...ids] : undefined,
          folder: folderFor(own, daysAgo),
          keywords: kw,
        });
        ids.push(messageId);
        last = { from, text: body };
        date = new Date(Math.min(now.getTime() - 60_000, date.getTime() + (1 + r() * 30) * 3_600_000));
      }
    }
  }

  // Newsletters with HTML, a text alternative and sometimes an inline image.
  for (let i = 0; i < 60; i++) {
    const nl = NEWSLETTERS[i % NEWSLETTERS.length]!;
    const date = at(i * 4 + r() * 3 + 0.5);
    const headline = pick(NEWS_HEADLINES);
    const inline = i % 3 === 0;
    const cid = `banner-${i}@demo.example.test`;
    const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:600px;margin:auto">
<h1 style="color:rgb(${nl.colour.join(',')})">${nl.title}</h1>
${inline ? `<p><img src="cid:${cid}" alt="${nl.title} banner" width="480" height="120"></p>` : ''}
<h2>${headline}</h2>
<p>This week: ${headline.toLowerCase()}, plus three short reads and a question from a reader.</p>
<ul><li>${pick(NEWS_HEADLINES)}</li><li>${pick(NEWS_HEADLINES)}</li><li>${pick(NEWS_HEADLINES)}</li></ul>
<p><a href="https://${nl.list}/read/${i}">Read online</a> · <a href="https://${nl.list}/unsubscribe">Unsubscribe</a></p>
</body></html>`;
    const text = `${nl.title}\n\n${headline}\n\nThis week: ${headline.toLowerCase()}, plus three short reads.\n\nRead online: https://${nl.list}/read/${i}\n`;
    out.push({
      from: nl.from,
      to: [me],
      subject: `${nl.title}: ${headline}`,
      date,
      html,
      text,
      attachments: inline
        ? [{ filename: 'banner.png', contentType: 'image/png', content: gradientPng(480, 120, nl.colour, [250, 250, 250]), cid }]
        : undefined,
      headers: { 'List-Id': `<${nl.list}>`, 'List-Unsubscribe': `<https://${nl.list}/unsubscribe>` },
      folder: r() < 0.1 ? 'trash' : date.getTime() < now.getTime() - 30 * DAY ? 'archive' : 'inbox',
      keywords: keywordsFor(r, date, now),
    });
  }

  // Build notifications, receipts with PDFs, travel tickets with invites.
  for (let i = 0; i < 40; i++) {
    const date = at(i * 5 + r() * 4 + 0.3);
    const ok = r() < 0.8;
    out.push({
      from: NOTIFIERS.ci,
      to: [me],
      subject: `[webmail] Build #${1200 + i} ${ok ? 'passed' : 'failed'} on main`,
      date,
      text: `Build #${1200 + i} ${ok ? 'passed' : 'failed'}.\n\nCommit: ${(0x9f3a2c + i * 7919).toString(16)}\nDuration: ${3 + Math.floor(r() * 9)} min\n${ok ? '' : 'Failing test: sync/ResumesAfterCut.engine.test.ts\n'}`,
      folder: date.getTime() < now.getTime() - 20 * DAY ? 'archive' : 'inbox',
      keywords: keywordsFor(r, date, now),
    });
  }
  for (let i = 0; i < 18; i++) {
    const date = at(i * 13 + r() * 10 + 1);
    const total = (12 + r() * 80).toFixed(2);
    out.push({
      from: NOTIFIERS.shop,
      to: [me],
      subject: `Kvitto / receipt #${5400 + i} — ${total} kr`,
      date,
      html: `<p>Tack för din beställning! Thank you for your order.</p><table border="1" cellpadding="4"><tr><th>Item</th><th>Price</th></tr><tr><td>Notebook, dotted A5</td><td>${total} kr</td></tr></table>`,
      attachments: [
        {
          filename: `receipt-${5400 + i}.pdf`,
          contentType: 'application/pdf',
          content: simplePdf([
            `Papeterie Ornskold - receipt ${5400 + i}`,
            '',
            `Notebook, dotted A5 ........ ${total} kr`,
            `Date: ${date.toISOString().slice(0, 10)}`,
          ]),
        },
      ],
      folder: 'Receipts',
      keywords: { $seen: true },
    });
  }
  for (let i = 0; i < 10; i++) {
    const date = at(i * 20 + r() * 15 + 2);
    const dep = new Date(date.getTime() + (5 + i) * DAY);
    out.push({
      from: NOTIFIERS.travel,
      to: [me],
      subject: `Your ticket: Oslo → Göteborg, ${dep.toISOString().slice(0, 10)}`,
      date,
      text: `Booking reference NR${4711 + i}\nDeparture ${dep.toUTCString()}\nCoach 4, seat ${12 + i}\n\nThe invitation is attached for your calendar.`,
      attachments: [
        {
          filename: 'trip.ics',
          contentType: 'text/calendar; method=REQUEST',
          content: icsInvite(`trip-${i}@northwind-rail.example.com`, 'Train Oslo - Goteborg', dep, 225, NOTIFIERS.travel.email),
        },
      ],
      folder: 'Travel',
      keywords: keywordsFor(r, date, now),
    });
  }
  for (let i = 0; i < 8; i++) {
    const date = at(i * 30 + 3);
    out.push({
      from: NOTIFIERS.bank,
      to: [me],
      subject: `Your statement for ${new Date(date.getTime() - 5 * DAY).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })} is ready`,
      date,
      html: '<p>Your monthly statement is available in online banking.</p><p><small>Example Bank will never ask for your password by email.</small></p>',
      folder: 'archive',
      keywords: { $seen: true },
    });
  }

  // Fresh mail from today, so the Inbox opens on something new.
  const fresh = ['Quick question about Thursday', 'Are you around for a call?', 'Kaffe? ☕', 'The slides, finally', 'Small favour'];
  fresh.forEach((subject, i) => {
    const who = CONTACTS[(i * 5) % 15]!;
    const date = new Date(now.getTime() - (i * 2 + 1) * 3_600_000 - Math.floor(r() * 3_000_000));
    out.push({
      from: who,
      to: [me],
      subject,
      date,
      text:
        [
          'Do we still meet at 14:00, or should we move it?',
          'I have ten minutes after lunch if you want to go through the plan.',
          'Fika at three? I brought cardamom buns.',
          'Here they are — comments welcome before Friday.',
          'Could you water my plants this weekend? Keys are with the neighbour.',
        ][i]! + sign(r, who),
      attachments:
        i === 3
          ? [
              {
                filename: 'slides.pdf',
                contentType: 'application/pdf',
                content: simplePdf(['Offline-first webmail', '', '1. Why offline', '2. JMAP in one slide', '3. Demo']),
              },
            ]
          : undefined,
      folder: 'inbox',
      keywords: i === 4 ? { $seen: true, $flagged: true } : {},
    });
  });

  // Junk, drafts and a few one-off messages with photos.
  for (let i = 0; i < 12; i++) {
    const date = at(i * 6 + r() * 5);
    out.push({
      from: pick(SPAMMERS),
      to: [me],
      subject: pick(SPAM_SUBJECTS),
      date,
      html: '<p style="font-size:24px;color:red">Click <a href="https://lucky-draw.example.biz/claim">here</a> NOW!!!</p>',
      folder: 'junk',
      keywords: {},
    });
  }
  const draftTopics = ['Notes for the team offsite', 'Re: Dinner on Friday?', 'Letter to the landlord (draft)'];
  draftTopics.forEach((subject, i) => {
    out.push({
      from: me,
      to: i === 2 ? [] : [pick(CONTACTS)],
      subject,
      date: at(i + 0.1),
      text: [
        'Ideas so far:\n- fewer meetings\n- a walk after lunch\n- ',
        'Sounds good, see you at',
        'Dear Mr. Ortega,\n\nregarding the heating in the flat,',
      ][i],
      folder: 'drafts',
      keywords: { $draft: true, $seen: true },
    });
  });
  for (let i = 0; i < 12; i++) {
    const who = pick(CONTACTS);
    const date = at(i * 9 + r() * 6 + 0.4);
    out.push({
      from: who,
      to: [me],
      subject: ['Look at this sunset', 'Our new kitchen', 'Ski trip pictures', 'Cat photo of the day', 'Foto dal mare', 'Fika?'][i % 6]!,
      date,
      html: `<p>Hi ${me.name.split(' ')[0]}!</p><p>Thought you would like this one.</p><p><img src="cid:photo-${i}@demo.example.test" alt="photo" width="320" height="200"></p><p>${who.name}</p>`,
      text: `Hi ${me.name.split(' ')[0]}!\n\nThought you would like this one (photo attached).\n\n${who.name}`,
      attachments: [
        {
          filename: `photo-${i + 1}.png`,
          contentType: 'image/png',
          content: gradientPng(320, 200, [255, 170 - i * 5, 90], [60 + i * 10, 40, 120]),
          cid: `photo-${i}@demo.example.test`,
        },
        ...(i % 4 === 0
          ? [
              {
                filename: 'notes.txt',
                contentType: 'text/plain; charset=utf-8',
                content: Buffer.from('Camera: old phone\nPlace: ridge above the lake\nWeather: 14 °C, clear\n'),
              },
            ]
          : []),
      ],
      folder: r() < 0.15 ? 'trash' : date.getTime() < now.getTime() - 60 * DAY ? 'archive' : 'inbox',
      keywords: keywordsFor(r, date, now),
    });
  }
  return out.sort((a, b) => a.date.getTime() - b.date.getTime());
}

function smallMailbox(user: User, now: Date, seed: number): Draft[] {
  const r = prng(seed);
  const me: Person = { name: user.name, email: user.email };
  const out: Draft[] = [];
  for (let i = 0; i < 12; i++) {
    const who = CONTACTS[Math.floor(r() * 15)]!;
    const date = new Date(now.getTime() - (i * 6 + r() * 5 + 0.5) * DAY);
    const topic = TOPICS[(i + seed) % TOPICS.length]!;
    out.push({
      from: who,
      to: [me],
      subject: topic.subject,
      date,
      text: topic.opening.join('\n\n') + sign(r, who),
      folder: i > 8 ? 'archive' : 'inbox',
      keywords: keywordsFor(r, date, now),
    });
  }
  return out.sort((a, b) => a.date.getTime() - b.date.getTime());
}
