/**
 * The fuzz's record of everything that changed on the server, in one order: every write
 * any actor's request made (read from the request and the server's answer, even when the
 * answer never reached the device), every device intent when it was queued and when it
 * left its outbox, and every notice a device showed. Writes are "atoms": one property of
 * one object (`e:<id>|kw:$seen`, `e:<id>|mb:<mailbox>`, `e:<id>|x` (exists),
 * `m:<id>|name`, `m:<id>|parent`, `m:<id>|x`), so the checks can say who wrote what when.
 */

export type Actor = 'A' | 'B' | 'T';
export type AtomValue = boolean | string | null;

export interface Write {
  seq: number;
  actor: Actor;
  atom: string;
  value: AtomValue;
  /** The answer was dropped on its way back (the device did not learn of this write). */
  lost?: boolean;
}

export interface IntentRecord {
  device: Actor;
  itemId: string;
  label: string;
  queuedAt: number;
  /** What the person meant, in atoms; object ids may still be this device's local folder ids. */
  atoms: { atom: string; value: AtomValue }[];
  resolvedAt?: number;
}

type Json = Record<string, unknown>;
type Invocation = [string, Json, string];

export class Ledger {
  seq = 0;
  readonly writes: Write[] = [];
  readonly intents: IntentRecord[] = [];
  /** Folder creations by creation id (a device's local id), per device: every server id made for it. */
  readonly created = new Map<string, string[]>();
  readonly notices: { device: Actor; seq: number; text: string }[] = [];
  /** The op log, printed when a seed fails. */
  readonly log: string[] = [];
  /** The current value of every atom, replayed from the writes. */
  private readonly now = new Map<string, AtomValue>();

  tick(): number {
    return ++this.seq;
  }

  note(line: string): void {
    this.log.push(`#${this.seq} ${line}`);
  }

  value(atom: string): AtomValue | undefined {
    return this.now.get(atom);
  }

  /** The value an atom had right after event `seq` (undefined: never written). */
  valueAt(atom: string, seq: number): AtomValue | undefined {
    let v: AtomValue | undefined;
    for (const w of this.writes) if (w.atom === atom && w.seq <= seq) v = w.value;
    return v;
  }

  write(actor: Actor, atom: string, value: AtomValue, lost = false): void {
    this.writes.push({ seq: this.tick(), actor, atom, value, ...(lost ? { lost } : {}) });
    this.now.set(atom, value);
  }

  /** Atoms of an email as a whole (created, or a full mailboxIds/keywords replacement). */
  private emailWhole(actor: Actor, id: string, e: Json, lost: boolean): void {
    if (e.mailboxIds && typeof e.mailboxIds === 'object') {
      const want = e.mailboxIds as Record<string, boolean>;
      for (const atom of this.atomsOf(`e:${id}|mb:`)) if (!want[atom.slice(`e:${id}|mb:`.length)]) this.write(actor, atom, false, lost);
      for (const [m, on] of Object.entries(want)) if (on) this.write(actor, `e:${id}|mb:${m}`, true, lost);
    }
    if (e.keywords && typeof e.keywords === 'object') {
      const want = e.keywords as Record<string, boolean>;
      for (const atom of this.atomsOf(`e:${id}|kw:`)) if (!want[atom.slice(`e:${id}|kw:`.length)]) this.write(actor, atom, false, lost);
      for (const [k, on] of Object.entries(want)) if (on) this.write(actor, `e:${id}|kw:${k}`, true, lost);
    }
  }

  /** The names after `prefix` of every atom ever written that starts with it. */
  atomNames(prefix: string): string[] {
    return [...this.now.keys()].filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
  }

  private atomsOf(prefix: string): string[] {
    return [...this.now.entries()].filter(([a, v]) => a.startsWith(prefix) && v !== false).map(([a]) => a);
  }

  /** A new email the server made (a delivery, a create): it exists, in these mailboxes, with these keywords. */
  emailCreated(actor: Actor, id: string, mailboxIds: Record<string, boolean>, keywords: Record<string, boolean>): void {
    this.write(actor, `e:${id}|x`, true);
    this.emailWhole(actor, id, { mailboxIds, keywords }, false);
  }

  /** Reads one API request and its answer: every write the server says it made. */
  recordExchange(actor: Actor, requestBody: string, responseBody: string, lost: boolean): void {
    let req: { methodCalls?: Invocation[] };
    let res: { methodResponses?: Invocation[] };
    try {
      req = JSON.parse(requestBody) as typeof req;
      res = JSON.parse(responseBody) as typeof res;
    } catch {
      return;
    }
    for (const [name, args, callId] of req.methodCalls ?? []) {
      const answer = res.methodResponses?.find((r) => r[2] === callId && r[0] === name)?.[1];
      if (!answer) continue;
      if (name === 'Email/set') this.emailSet(actor, args, answer, lost);
      if (name === 'Mailbox/set') this.mailboxSet(actor, args, answer, lost);
    }
  }

  private emailSet(actor: Actor, args: Json, answer: Json, lost: boolean): void {
    const created = (answer.created ?? {}) as Record<string, { id: string }>;
    const create = (args.create ?? {}) as Record<string, Json>;
    for (const [cid, made] of Object.entries(created)) {
      const spec = create[cid] ?? {};
      this.write(actor, `e:${made.id}|x`, true, lost);
      this.emailWhole(actor, made.id, { mailboxIds: spec.mailboxIds ?? {}, keywords: spec.keywords ?? {} }, lost);
    }
    const update = (args.update ?? {}) as Record<string, Json>;
    for (const id of Object.keys((answer.updated ?? {}) as Json)) {
      const patch = update[id] ?? {};
      this.emailWhole(actor, id, patch, lost);
      for (const [path, v] of Object.entries(patch)) {
        const m = /^(keywords|mailboxIds)\/(.+)$/.exec(path);
        if (!m) continue;
        this.write(
          actor,
          `e:${id}|${m[1] === 'keywords' ? 'kw' : 'mb'}:${m[2]!.replace(/~1/g, '/').replace(/~0/g, '~')}`,
          v === true,
          lost,
        );
      }
    }
    for (const id of (answer.destroyed ?? []) as string[]) this.write(actor, `e:${id}|x`, false, lost);
  }

  private mailboxSet(actor: Actor, args: Json, answer: Json, lost: boolean): void {
    const create = (args.create ?? {}) as Record<string, Json>;
    for (const [cid, made] of Object.entries((answer.created ?? {}) as Record<string, { id: string }>)) {
      const spec = create[cid] ?? {};
      const key = `${actor}:${cid}`;
      this.created.set(key, [...(this.created.get(key) ?? []), made.id]);
      this.write(actor, `m:${made.id}|x`, true, lost);
      this.write(actor, `m:${made.id}|name`, (spec.name as string) ?? null, lost);
      this.write(actor, `m:${made.id}|parent`, (spec.parentId as string | null) ?? null, lost);
    }
    const update = (args.update ?? {}) as Record<string, Json>;
    for (const id of Object.keys((answer.updated ?? {}) as Json)) {
      const patch = update[id] ?? {};
      if ('name' in patch) this.write(actor, `m:${id}|name`, patch.name as string, lost);
      if ('parentId' in patch) this.write(actor, `m:${id}|parent`, (patch.parentId as string | null) ?? null, lost);
    }
    for (const id of (answer.destroyed ?? []) as string[]) this.write(actor, `m:${id}|x`, false, lost);
  }

  /** The server ids made for a device's local folder id, in order (more than one: made again). */
  serverIdsFor(device: Actor, localId: string): string[] {
    return this.created.get(`${device}:${localId}`) ?? [];
  }
}
