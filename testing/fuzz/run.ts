/**
 * One seed of the convergence fuzz: two devices and a third party change one account at
 * random (keywords, moves, Trash, destroy, new mail, folders made, renamed and deleted,
 * folders made offline and used at once); devices go offline and online and lose answers.
 * Then quiescence (everything online, every outbox flushed, every engine synced), and the
 * verdicts: each mirror equals the server, and the intents' ledger holds (checks.ts).
 * Every random choice comes from one PRNG seeded by the seed, and what is chosen depends
 * only on state the run itself made, so a seed replays the same run.
 */
import { prng } from '../corpus/prng.ts';
import { expectMirrorMatchesServer } from '../mirror/compare.ts';
import { serverSnapshot } from '../mirror/server.ts';
import type { Intent } from '../../src/outbox/index.ts';
import { intentProblems, ledgerProblems } from './checks.ts';
import { Device, type Server } from './device.ts';
import { Ledger, type AtomValue } from './ledger.ts';
import { openThirdParty, type ThirdParty } from './thirdParty.ts';

export interface FuzzBackend {
  server: Server;
  /** Delivers a raw message into the account's Inbox as mail from outside. */
  deliver(raw: string): Promise<void>;
  /** The account's address (mail from outside is addressed to it). */
  address: string;
  /**
   * Cyrus 3.6 does not report a folder in Mailbox/changes when its unreadThreads changes
   * because of an email in another folder (docs/servers/cyrus.md): that one figure is not
   * compared there.
   */
  unreadThreadsNotReported?: boolean;
}

/** A mailbox difference that is only unreadThreads (the Cyrus quirk above), else null. */
function onlyUnreadThreads(problem: string): boolean {
  const m = /^mailbox \S+: mirror (\{.*\}) server (\{.*\})$/.exec(problem);
  if (!m) return false;
  const [a, b] = [JSON.parse(m[1]!) as Record<string, unknown>, JSON.parse(m[2]!) as Record<string, unknown>];
  delete a.unreadThreads;
  delete b.unreadThreads;
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface FuzzOptions {
  seed: number;
  ops: number;
  /** Printed with a failure: the command that replays this seed. */
  replay: string;
}

const MOVE_ROLES = ['inbox', 'archive', 'trash', 'junk'];

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T | undefined {
    return list.length ? list[this.int(list.length)] : undefined;
  }
  /** One of the keys, by weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let x = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) if ((x -= w) < 0) return k;
    return entries[entries.length - 1]![0];
  }
}

export async function runSeed(backend: FuzzBackend, options: FuzzOptions): Promise<void> {
  const ledger = new Ledger();
  const rnd = new Random(options.seed);
  const marker = `fz${options.seed}x${Date.now().toString(36)}`;
  const third = await openThirdParty(backend.server, ledger);
  const devices: Device[] = [];
  const scopeEmails = new Set<string>();
  const messageIds = new Map<string, string>();
  let counter = 0;
  const fail = (problems: string[]): never => {
    throw new Error(
      [
        `Seed ${options.seed} failed. Replay: ${options.replay}`,
        ...problems.slice(0, 30).map((p) => `  - ${p}`),
        problems.length > 30 ? `  … and ${problems.length - 30} more` : '',
        'Op log:',
        ...ledger.log.map((l) => `  ${l}`),
      ].join('\n'),
    );
  };
  const t0 = Date.now();
  const lap = (what: string) => process.env.FUZZ_TIMING && console.log(`${what} ${Date.now() - t0} ms`);
  try {
    const roles = await third.recordMailboxes();
    await seedAccount(third, ledger, roles, marker, scopeEmails, messageIds);
    devices.push(await Device.open('A', backend.server, ledger), await Device.open('B', backend.server, ledger));
    ledger.note(`seeded ${scopeEmails.size} messages; devices A and B synced`);
    lap('open');

    const resolve = async () => {
      for (const d of devices) {
        const pending = await d.outboxIds();
        for (const i of ledger.intents)
          if (i.device === d.name && i.resolvedAt === undefined && !pending.has(i.itemId)) i.resolvedAt = ledger.seq;
        for (const text of await d.newNotices()) {
          ledger.notices.push({ device: d.name, seq: ledger.seq, text });
          ledger.note(`${d.name} says: ${text}`);
        }
      }
    };
    const settle = async () => {
      for (const d of devices) await d.settle();
      await resolve();
    };

    for (let op = 0; op < options.ops; op++) {
      const who = rnd.weighted({ A: 4, B: 4, T: 2 });
      if (who === 'T') await thirdPartyOp(third, backend, ledger, rnd, marker, roles, scopeEmails, messageIds, () => ++counter);
      else
        await deviceOp(
          devices.find((d) => d.name === who)!,
          ledger,
          rnd,
          marker,
          roles,
          scopeEmails,
          () => ++counter,
        );
      await settle();
    }

    // Quiescence: every device online, every outbox flushed, every engine synced.
    ledger.note('quiescence');
    lap('ops');
    for (let round = 0; round < 6; round++) {
      for (const d of devices) {
        d.loseNext = null;
        if (!d.online) await d.goOnline();
        await d.settle();
        await d.sync();
      }
      await settle();
      const left = await Promise.all(devices.map(async (d) => (await d.outboxIds()).size));
      if (left.every((n) => n === 0)) break;
    }
    for (const d of devices) {
      d.flusher.wake();
      await d.settle();
      await d.sync();
      await d.sync();
    }
    await resolve();

    lap('quiet');
    const problems: string[] = [];
    for (const d of devices) {
      const items = (await d.db.outbox.toArray()).filter((i) => i.accountId === d.accountId);
      for (const i of items)
        problems.push(`${d.name}: outbox still holds ${JSON.stringify(i.intent)} (${i.state}${i.reason ? `: ${i.reason}` : ''})`);
      const overlays = (await d.db.overlays.toArray()).filter((o) => o.accountId === d.accountId);
      for (const o of overlays) problems.push(`${d.name}: an overlay is left: ${JSON.stringify(o)}`);
      try {
        await expectMirrorMatchesServer({ db: d.db, cache: d.cache }, third.client);
      } catch (error) {
        const found = (error as { actual?: unknown }).actual;
        const list = Array.isArray(found)
          ? (found as string[]).filter((p) => !(backend.unreadThreadsNotReported && onlyUnreadThreads(p)))
          : null;
        if (!list || list.length)
          problems.push(
            `${d.name}'s mirror differs from the server: ${list ? list.join('; ') : error instanceof Error ? error.message : String(error)}`,
          );
      }
    }
    const snapshot = await serverSnapshot(third.client);
    const mailboxIds = new Set(ledger.atomNames('m:').map((a) => a.split('|')[0]!));
    problems.push(...ledgerProblems(ledger, snapshot, scopeEmails, mailboxIds));
    problems.push(...intentProblems(ledger));
    lap('checked');
    if (problems.length) fail(problems);
    if (process.env.FUZZ_LOG) console.log(ledger.log.join('\n'));
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`Seed ${options.seed} failed`)) throw error;
    fail([`the run itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`]);
  } finally {
    for (const d of devices) await d.close();
  }
}

/** A few folders and a dozen messages in threads, made by the third party. */
async function seedAccount(
  third: ThirdParty,
  ledger: Ledger,
  roles: Record<string, string>,
  marker: string,
  scope: Set<string>,
  messageIds: Map<string, string>,
): Promise<void> {
  const made = await third.client.call('Mailbox/set', {
    create: { w: { name: `${marker} Work`, parentId: null }, l: { name: `${marker} Lists`, parentId: null } },
  });
  const work = made.created?.w?.id;
  if (!work) throw new Error(`could not make the seed folders: ${JSON.stringify(made.notCreated)}`);
  const inbox = roles.inbox!;
  const create: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < 12; i++) {
    const root = i % 3 === 0 ? i : i - (i % 3);
    const messageId = `${marker}.${i}@fuzz.example`;
    create[`s${i}`] = {
      mailboxIds: { [i % 4 === 3 ? work : inbox]: true },
      keywords: i % 2 ? { $seen: true } : {},
      from: [{ name: 'Carol', email: 'carol@fuzz.example' }],
      to: [{ name: null, email: 'alice@fuzz.example' }],
      subject: `${root === i ? '' : 'Re: '}${marker} topic ${root}`,
      messageId: [messageId],
      ...(root === i ? {} : { inReplyTo: [`${marker}.${i - 1}@fuzz.example`], references: [`${marker}.${root}@fuzz.example`] }),
      receivedAt: new Date(Date.now() - (12 - i) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      bodyValues: { b: { value: `Message ${i}` } },
      textBody: [{ partId: 'b', type: 'text/plain' }],
    };
    messageIds.set(`s${i}`, messageId);
  }
  const res = await third.client.call('Email/set', { create });
  for (const [cid, e] of Object.entries(res.created ?? {})) {
    scope.add(e.id);
    messageIds.set(e.id, messageIds.get(cid)!);
  }
  if (scope.size !== 12) throw new Error(`could not seed: ${JSON.stringify(res.notCreated)}`);
  ledger.note(`seed folders Work ${work}, Lists ${made.created?.l?.id}`);
}

const existing = (ledger: Ledger, scope: ReadonlySet<string>) => [...scope].filter((id) => ledger.value(`e:${id}|x`) === true).sort();

/** The mailboxes a move may go to: the usual roles and the fuzz's own folders. */
function movable<T extends { id: string; role?: string | null; name: string }>(list: T[], marker: string): T[] {
  return list.filter((m) => (m.role ? MOVE_ROLES.includes(m.role) : m.name.startsWith(marker)));
}

async function deviceOp(
  d: Device,
  ledger: Ledger,
  rnd: Random,
  marker: string,
  roles: Record<string, string>,
  scope: ReadonlySet<string>,
  next: () => number,
): Promise<void> {
  const kind = d.online
    ? rnd.weighted({ offline: 1, lose: 1, sync: 1, keywords: 4, move: 3, trash: 1, destroy: 1, create: 1.5, rename: 1, remove: 1 })
    : rnd.weighted({ online: 2, keywords: 4, move: 3, trash: 1, destroy: 1, create: 1.5, rename: 1, remove: 1 });
  if (kind === 'offline') {
    d.online = false;
    return ledger.note(`${d.name} goes offline`);
  }
  if (kind === 'online') {
    ledger.note(`${d.name} comes online`);
    return d.goOnline();
  }
  if (kind === 'lose') {
    d.loseNext = { thenOffline: rnd.chance(0.5) };
    return ledger.note(`${d.name} will lose its next answer to a /set${d.loseNext.thenOffline ? ' and go offline' : ''}`);
  }
  if (kind === 'sync') {
    ledger.note(`${d.name} syncs`);
    return d.sync();
  }
  const view = await d.view();
  const emails = view.emails.filter((e) => scope.has(e.id));
  const boxes = movable(view.mailboxes, marker);
  const folders = boxes.filter((m) => !m.role);
  const queue = async (label: string, intent: Intent, atoms: { atom: string; value: AtomValue }[]) => {
    const queuedAt = ledger.tick();
    ledger.note(`${d.name}${d.online ? '' : ' (offline)'}: ${label}`);
    const itemId = await d.queue(intent);
    ledger.intents.push({ device: d.name, itemId, label, queuedAt, atoms });
  };
  const email = rnd.pick(emails);
  switch (kind) {
    case 'keywords': {
      if (!email) return;
      const k = rnd.pick(['$seen', '$flagged'])!;
      const on = !email.keywords[k];
      return queue(
        `${on ? 'set' : 'clear'} ${k} on ${email.id}`,
        { kind: 'keywords', emailIds: [email.id], ...(on ? { add: [k] } : { remove: [k] }) },
        [{ atom: `e:${email.id}|kw:${k}`, value: on }],
      );
    }
    case 'move':
    case 'trash': {
      if (!email) return;
      const trash = roles.trash!;
      const from = kind === 'trash' ? undefined : rnd.pick(Object.keys(email.mailboxIds).sort());
      const to = kind === 'trash' ? trash : rnd.pick(boxes.filter((m) => !email.mailboxIds[m.id]).map((m) => m.id));
      if (!to || (kind === 'move' && !from)) return;
      const after: Record<string, true> = from ? { ...email.mailboxIds } : {};
      if (from) delete after[from];
      after[to] = true;
      const atoms = [...new Set([...Object.keys(email.mailboxIds), ...Object.keys(after)])].map((m) => ({
        atom: `e:${email.id}|mb:${m}`,
        value: !!after[m],
      }));
      return queue(
        `move ${email.id} ${from ?? '(all)'} -> ${to}`,
        { kind: 'move', emailIds: [email.id], ...(from ? { fromMailboxId: from } : {}), toMailboxId: to },
        atoms,
      );
    }
    case 'destroy':
      if (!email) return;
      return queue(`destroy ${email.id}`, { kind: 'destroy', emailIds: [email.id] }, [{ atom: `e:${email.id}|x`, value: false }]);
    case 'create': {
      const n = next();
      const localId = `${d.name}-local-${n}`;
      const parent = rnd.chance(0.3) ? (rnd.pick(folders)?.id ?? null) : null;
      const name = `${marker} ${d.name}${n}`;
      return queue(`make folder ${name} (${localId}) in ${parent ?? 'top'}`, { kind: 'mailboxCreate', localId, name, parentId: parent }, [
        { atom: `m:${localId}|x`, value: true },
        { atom: `m:${localId}|name`, value: name },
        { atom: `m:${localId}|parent`, value: parent },
      ]);
    }
    case 'rename': {
      const f = rnd.pick(folders);
      if (!f) return;
      const name = `${marker} ${d.name}${next()}`;
      return queue(`rename ${f.id} to ${name}`, { kind: 'mailboxUpdate', mailboxId: f.id, name }, [
        { atom: `m:${f.id}|name`, value: name },
      ]);
    }
    case 'remove': {
      const childless = folders.filter((f) => !view.mailboxes.some((m) => m.parentId === f.id));
      const empty = childless.filter((f) => !view.emails.some((e) => e.mailboxIds[f.id]));
      const f = rnd.chance(0.85) ? rnd.pick(empty) : rnd.pick(childless);
      if (!f) return;
      return queue(`delete folder ${f.id} (${f.name})`, { kind: 'mailboxDestroy', mailboxId: f.id }, [
        { atom: `m:${f.id}|x`, value: false },
      ]);
    }
  }
}

async function thirdPartyOp(
  third: ThirdParty,
  backend: FuzzBackend,
  ledger: Ledger,
  rnd: Random,
  marker: string,
  roles: Record<string, string>,
  scope: Set<string>,
  messageIds: Map<string, string>,
  next: () => number,
): Promise<void> {
  const client = third.client;
  const emails = existing(ledger, scope);
  const boxes = ledger
    .atomNames('m:')
    .filter((a) => a.endsWith('|x'))
    .map((a) => a.slice(0, -2))
    .filter((id) => ledger.value(`m:${id}|x`) === true)
    .map((id) => ({ id, name: String(ledger.value(`m:${id}|name`)), role: Object.entries(roles).find(([, v]) => v === id)?.[0] ?? null }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const targets = movable(boxes, marker);
  const folders = targets.filter((m) => !m.role);
  const inBox = (id: string) =>
    ledger
      .atomNames(`e:${id}|mb:`)
      .filter((m) => ledger.value(`e:${id}|mb:${m}`) === true)
      .sort();
  const kind = rnd.weighted({ keywords: 3, move: 2, trash: 1, destroy: 1, deliver: 2, create: 1, rename: 1, remove: 1 });
  const email = rnd.pick(emails);
  const say = (what: string) => ledger.note(`T: ${what}`);
  switch (kind) {
    case 'keywords': {
      if (!email) return;
      const k = rnd.pick(['$seen', '$flagged'])!;
      const on = ledger.value(`e:${email}|kw:${k}`) !== true;
      say(`${on ? 'set' : 'clear'} ${k} on ${email}`);
      await client.call('Email/set', { update: { [email]: { [`keywords/${k}`]: on ? true : null } } });
      return;
    }
    case 'move':
    case 'trash': {
      if (!email) return;
      const now = inBox(email);
      const to = kind === 'trash' ? roles.trash : rnd.pick(targets.filter((m) => !now.includes(m.id)).map((m) => m.id));
      // Already there: a patch adding and removing the same folder would leave it in none.
      if (!to || now.includes(to)) return;
      if (kind === 'trash' || rnd.chance(0.7)) {
        const from = rnd.pick(now);
        say(`move ${email} ${from ?? '-'} -> ${to}`);
        await client.call('Email/set', {
          update: { [email]: { [`mailboxIds/${to}`]: true, ...(from ? { [`mailboxIds/${from}`]: null } : {}) } },
        });
      } else {
        say(`also file ${email} in ${to}`);
        await client.call('Email/set', { update: { [email]: { [`mailboxIds/${to}`]: true } } });
      }
      return;
    }
    case 'destroy':
      if (!email) return;
      say(`destroy ${email}`);
      await client.call('Email/set', { destroy: [email] });
      return;
    case 'deliver': {
      const n = next();
      const messageId = `${marker}.d${n}@outside.example`;
      const replyTo = rnd.chance(0.4) ? rnd.pick(emails) : undefined;
      const parent = replyTo ? messageIds.get(replyTo) : undefined;
      const raw = [
        'From: Dave <dave@outside.example>',
        `To: ${backend.address}`,
        `Subject: ${parent ? 'Re: ' : ''}${marker} news ${n}`,
        `Message-ID: <${messageId}>`,
        ...(parent ? [`In-Reply-To: <${parent}>`, `References: <${parent}>`] : []),
        `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `News ${n}.`,
        '',
      ].join('\r\n');
      await backend.deliver(raw);
      const id = await third.delivered(messageId);
      if (!id) throw new Error(`delivered ${messageId} but the server does not show it`);
      scope.add(id);
      messageIds.set(id, messageId);
      say(`mail arrives: ${id}${parent ? ` (a reply in ${replyTo}'s thread)` : ''}`);
      return;
    }
    case 'create': {
      const name = `${marker} T${next()}`;
      const parentId = rnd.chance(0.3) ? (rnd.pick(folders)?.id ?? null) : null;
      const res = await client.call('Mailbox/set', { create: { [`t${name}`]: { name, parentId } } });
      say(
        `make folder ${name} in ${parentId ?? 'top'}: ${res.created?.[`t${name}`] ? res.created[`t${name}`]!.id : JSON.stringify(res.notCreated)}`,
      );
      return;
    }
    case 'rename': {
      const f = rnd.pick(folders);
      if (!f) return;
      const name = `${marker} T${next()}`;
      const res = await client.call('Mailbox/set', { update: { [f.id]: { name } } });
      say(`rename ${f.id} to ${name}${res.notUpdated ? `: ${JSON.stringify(res.notUpdated)}` : ''}`);
      return;
    }
    case 'remove': {
      const empty = folders.filter(
        (f) => !boxes.some((m) => ledger.value(`m:${m.id}|parent`) === f.id) && !emails.some((e) => inBox(e).includes(f.id)),
      );
      const f = rnd.pick(empty);
      if (!f) return;
      const res = await client.call('Mailbox/set', { destroy: [f.id], onDestroyRemoveEmails: false });
      say(`delete folder ${f.id}${res.notDestroyed ? `: ${JSON.stringify(res.notDestroyed)}` : ''}`);
      return;
    }
  }
}
