import { MethodError, SetFailure, invalidArguments, invalidProperties } from '../errors.ts';
import { deliverToUser, logOutbound, withoutBcc } from '../mail/deliver.ts';
import { getStoredBlob } from '../data/blobs.ts';
import { typeState } from '../data/changes.ts';
import { getEmail, newId } from '../data/emails.ts';
import { deleteRecord, getRecord, listRecords, putRecord } from '../data/records.ts';
import { userByAddress } from '../data/users.ts';
import type { DeliveryStatus, EmailSubmission, Envelope, Identity, JsonObject } from '../wire.ts';
import { accountOf, changesFrame, getFrame, isObject, resolveId, setFrame } from './common.ts';
import { writeAccount, type Ctx, type Handler, type Services } from './context.ts';
import { emailSet } from './email-write.ts';
import { pageQuery, queryChangesFrame } from './paging.ts';

const PROPERTIES = [
  'id',
  'identityId',
  'emailId',
  'threadId',
  'envelope',
  'sendAt',
  'undoStatus',
  'deliveryStatus',
  'dsnBlobIds',
  'mdnBlobIds',
];

function envelopeFrom(v: unknown): Envelope | null {
  if (v === undefined || v === null) return null;
  const bad = () => invalidProperties('envelope must have mailFrom and rcptTo addresses', ['envelope']);
  if (!isObject(v) || !isObject(v.mailFrom) || typeof v.mailFrom.email !== 'string' || !Array.isArray(v.rcptTo)) throw bad();
  const rcptTo = v.rcptTo.map((r) => {
    if (!isObject(r) || typeof r.email !== 'string') throw bad();
    return { email: r.email, parameters: (r.parameters ?? null) as Record<string, string | null> | null };
  });
  return {
    mailFrom: { email: v.mailFrom.email, parameters: (v.mailFrom.parameters ?? null) as Record<string, string | null> | null },
    rcptTo,
  };
}

/** RFC 8621 7.5: without an envelope, mailFrom is Sender or From, rcptTo is To + Cc + Bcc. */
function derivedEnvelope(meta: {
  sender: { email: string }[] | null;
  from: { email: string }[] | null;
  to: { email: string }[] | null;
  cc: { email: string }[] | null;
  bcc: { email: string }[] | null;
}): Envelope {
  const mailFrom = meta.sender?.[0]?.email ?? meta.from?.[0]?.email ?? '';
  const seen = new Set<string>();
  const rcptTo: Envelope['rcptTo'] = [];
  for (const a of [...(meta.to ?? []), ...(meta.cc ?? []), ...(meta.bcc ?? [])]) {
    const key = a.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    rcptTo.push({ email: a.email, parameters: null });
  }
  return { mailFrom: { email: mailFrom, parameters: null }, rcptTo };
}

/** How far ahead a submission may be held (RFC 8621 7: maxDelayedSend), as Stalwart: 30 days. */
export const MAX_DELAYED_SEND_SECONDS = 30 * 24 * 3600;

function utcSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * RFC 4865 FUTURERELEASE in the envelope (RFC 8621 7: `envelope.mailFrom.parameters`):
 * HOLDFOR (seconds from now) or HOLDUNTIL (an RFC 3339 date-time). null: send now.
 */
function holdUntil(envelope: Envelope | null, now: Date): Date | null {
  const params = envelope?.mailFrom.parameters ?? {};
  const value = (name: string) => Object.entries(params).find(([k]) => k.toUpperCase() === name)?.[1];
  const holdFor = value('HOLDFOR');
  const until = value('HOLDUNTIL');
  if (holdFor !== undefined && until !== undefined) throw invalidProperties('Give HOLDFOR or HOLDUNTIL, not both', ['envelope']);
  let at: Date | null = null;
  if (holdFor !== undefined) {
    if (typeof holdFor !== 'string' || !/^\d{1,10}$/.test(holdFor))
      throw invalidProperties('HOLDFOR must be a number of seconds', ['envelope']);
    at = new Date(now.getTime() + Number(holdFor) * 1000);
  } else if (until !== undefined) {
    const t = typeof until === 'string' ? Date.parse(until) : NaN;
    if (Number.isNaN(t)) throw invalidProperties('HOLDUNTIL must be an RFC 3339 date-time', ['envelope']);
    at = new Date(t);
  }
  if (!at || at.getTime() <= now.getTime()) return null;
  if (at.getTime() - now.getTime() > MAX_DELAYED_SEND_SECONDS * 1000)
    throw invalidProperties(`A message can be held at most ${MAX_DELAYED_SEND_SECONDS / 86400} days (maxDelayedSend)`, ['envelope']);
  return at;
}

/** Hands the message to each recipient: local ones get it in their Inbox, others are logged. */
async function deliver(services: Services, accountId: string, sub: EmailSubmission, wire: Buffer): Promise<Record<string, DeliveryStatus>> {
  const envelope = sub.envelope!;
  const deliveryStatus: Record<string, DeliveryStatus> = {};
  const outside: string[] = [];
  for (const r of envelope.rcptTo) {
    const local = userByAddress(services.db, r.email);
    if (local) {
      await deliverToUser(services, local, wire);
      deliveryStatus[r.email] = { smtpReply: '250 2.1.5 Delivered to a local mailbox', delivered: 'yes', displayed: 'unknown' };
    } else {
      outside.push(r.email);
      deliveryStatus[r.email] = {
        smtpReply: '250 2.0.0 Kept in the demo outbound log, not sent',
        delivered: 'unknown',
        displayed: 'unknown',
      };
    }
  }
  if (outside.length) logOutbound(services.db, accountId, sub.id, envelope.mailFrom.email, outside, wire, services.now());
  return deliveryStatus;
}

/**
 * Sends every held submission whose time has come (server clock, so a test's
 * clockOffsetMs brings it forward): each is marked final in one synchronous transaction
 * before its delivery starts, so two callers (the timer, a request) never both send it.
 * The message is the email's as it is now (still kept in Sent); one destroyed meanwhile
 * is not delivered, and its submission says so.
 */
export async function releaseDueSubmissions(services: Services): Promise<void> {
  const now = services.now();
  const due = services.db
    .prepare(`SELECT accountId, data FROM submissions`)
    .all()
    .map((r) => ({ accountId: (r as { accountId: string }).accountId, sub: JSON.parse((r as { data: string }).data) as EmailSubmission }))
    .filter(({ sub }) => sub.undoStatus === 'pending' && Date.parse(sub.sendAt) <= now.getTime());
  for (const { accountId, sub } of due) {
    const claimed = writeAccount(services, accountId, (rec) => {
      const current = getRecord<EmailSubmission>(services.db, 'EmailSubmission', accountId, sub.id);
      if (current?.undoStatus !== 'pending') return false;
      putRecord(services.db, rec, 'EmailSubmission', accountId, { ...current, undoStatus: 'final' }, false);
      return true;
    });
    if (!claimed) continue;
    const email = getEmail(services.db, accountId, sub.emailId);
    const blob = email ? getStoredBlob(services.db, accountId, email.blobId) : undefined;
    const deliveryStatus: Record<string, DeliveryStatus> = blob
      ? await deliver(services, accountId, sub, withoutBcc(blob.data))
      : Object.fromEntries(
          sub.envelope!.rcptTo.map((r) => [
            r.email,
            { smtpReply: '554 5.6.0 The message was deleted before its time', delivered: 'no', displayed: 'unknown' },
          ]),
        );
    writeAccount(services, accountId, (rec) => {
      const current = getRecord<EmailSubmission>(services.db, 'EmailSubmission', accountId, sub.id);
      if (current) putRecord(services.db, rec, 'EmailSubmission', accountId, { ...current, deliveryStatus }, false);
    });
  }
}

async function submit(ctx: Ctx, accountId: string, obj: JsonObject): Promise<{ id: string; result: JsonObject }> {
  for (const k of Object.keys(obj)) {
    if (!['identityId', 'emailId', 'envelope', 'sendAt'].includes(k))
      throw invalidProperties(`${k} cannot be set when creating an EmailSubmission`, [k]);
  }
  // RFC 8621 7: sendAt is set by the server (Cyrus 3.6 refuses it too); a hold is asked
  // for with FUTURERELEASE parameters in the envelope.
  if (obj.sendAt !== undefined && obj.sendAt !== null)
    throw invalidProperties('sendAt is set by the server: hold a message with HOLDUNTIL or HOLDFOR in envelope.mailFrom.parameters', [
      'sendAt',
    ]);
  const identityId = typeof obj.identityId === 'string' ? resolveId(ctx, obj.identityId) : null;
  const identity = identityId ? getRecord<Identity>(ctx.db, 'Identity', accountId, identityId) : undefined;
  if (!identity) throw invalidProperties(`No identity ${String(obj.identityId)}`, ['identityId']);
  const emailId = typeof obj.emailId === 'string' ? resolveId(ctx, obj.emailId) : null;
  const email = emailId ? getEmail(ctx.db, accountId, emailId) : undefined;
  if (!email) throw invalidProperties(`No email ${String(obj.emailId)} to send`, ['emailId']);
  const fromOk = (email.meta.from ?? []).some((a) => a.email.toLowerCase() === identity.email.toLowerCase());
  if (!fromOk) throw new SetFailure('forbiddenFrom', `The From address must be the identity's address ${identity.email}`);
  const envelope = envelopeFrom(obj.envelope) ?? derivedEnvelope(email.meta);
  if (envelope.mailFrom.email.toLowerCase() !== identity.email.toLowerCase()) {
    throw new SetFailure('forbiddenMailFrom', `The envelope sender must be ${identity.email}`);
  }
  if (envelope.rcptTo.length === 0) throw new SetFailure('noRecipients', 'The message has no recipients');
  const invalid = envelope.rcptTo.filter((r) => !/^[^@\s]+@[^@\s]+$/.test(r.email)).map((r) => r.email);
  if (invalid.length)
    throw new SetFailure('invalidRecipients', `Not email addresses: ${invalid.join(', ')}`, { invalidRecipients: invalid });
  const blob = getStoredBlob(ctx.db, accountId, email.blobId);
  if (!blob) throw new Error(`The message blob of email ${email.id} is missing from the store`);
  const wire = withoutBcc(blob.data);
  const hold = holdUntil(envelope, ctx.now());
  const id = ctx.write(accountId, () => newId(ctx.db, 'S'));
  const sendAt = utcSeconds(hold ?? ctx.now());
  const sub: EmailSubmission = {
    id,
    identityId: identity.id,
    emailId: email.id,
    threadId: email.threadId,
    envelope,
    sendAt,
    undoStatus: hold ? 'pending' : 'final',
    deliveryStatus: hold
      ? Object.fromEntries(
          envelope.rcptTo.map((r) => [r.email, { smtpReply: `250 2.0.0 Held until ${sendAt}`, delivered: 'queued', displayed: 'unknown' }]),
        )
      : null,
    dsnBlobIds: [],
    mdnBlobIds: [],
  };
  if (!hold) sub.deliveryStatus = await deliver(ctx, accountId, sub, wire);
  ctx.write(accountId, (rec) => putRecord(ctx.db, rec, 'EmailSubmission', accountId, sub, true));
  return {
    id,
    result: {
      threadId: sub.threadId,
      sendAt,
      undoStatus: sub.undoStatus,
      deliveryStatus: sub.deliveryStatus as unknown as JsonObject,
      dsnBlobIds: [],
      mdnBlobIds: [],
    },
  };
}

const submissionSet: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const onUpdate = args.onSuccessUpdateEmail ?? null;
  const onDestroy = args.onSuccessDestroyEmail ?? null;
  if (onUpdate !== null && !isObject(onUpdate))
    throw invalidArguments('onSuccessUpdateEmail must be a map of submission id to Email patch');
  if (onDestroy !== null && !Array.isArray(onDestroy)) throw invalidArguments('onSuccessDestroyEmail must be a list of submission ids');
  const result = await setFrame(args, ctx, 'EmailSubmission', accountId, {
    create: (_cid, obj) => submit(ctx, accountId, obj),
    update: async (id, patch) => {
      const sub = getRecord<EmailSubmission>(ctx.db, 'EmailSubmission', accountId, id);
      if (!sub) throw new SetFailure('notFound', `No submission ${id}`);
      for (const [k, v] of Object.entries(patch)) {
        if (k !== 'undoStatus') throw invalidProperties(`Only undoStatus of a submission can change, not ${k}`, [k]);
        if (v !== 'canceled') throw invalidProperties('undoStatus can only be set to "canceled"', [k]);
        if (sub.undoStatus === 'canceled') return null;
        if (sub.undoStatus !== 'pending') throw new SetFailure('cannotUnsend', 'This message was already sent');
        const canceled: EmailSubmission = {
          ...sub,
          undoStatus: 'canceled',
          deliveryStatus: Object.fromEntries(
            (sub.envelope?.rcptTo ?? []).map((r) => [
              r.email,
              { smtpReply: '250 2.0.0 Canceled before its time', delivered: 'no', displayed: 'unknown' },
            ]),
          ),
        };
        ctx.write(accountId, (rec) => putRecord(ctx.db, rec, 'EmailSubmission', accountId, canceled, false));
      }
      return null;
    },
    destroy: async (id) => {
      if (!getRecord(ctx.db, 'EmailSubmission', accountId, id)) throw new SetFailure('notFound', `No submission ${id}`);
      ctx.write(accountId, (rec) => deleteRecord(ctx.db, rec, 'EmailSubmission', accountId, id));
    },
  });
  // RFC 8621 7.5: implicit Email/set for the submissions that succeeded.
  const emailOf = (key: string): string | null => {
    const subId = key.startsWith('#')
      ? ((result.created as Record<string, JsonObject> | null)?.[key.slice(1)]?.id as string | undefined)
      : key;
    if (!subId) return null;
    return getRecord<EmailSubmission>(ctx.db, 'EmailSubmission', accountId, subId)?.emailId ?? null;
  };
  const update: JsonObject = {};
  for (const [key, patch] of Object.entries(onUpdate ?? {})) {
    const emailId = emailOf(key);
    if (emailId) update[emailId] = patch;
  }
  const destroy = ((onDestroy ?? []) as unknown[])
    .filter((k): k is string => typeof k === 'string')
    .map(emailOf)
    .filter((x): x is string => !!x);
  if (Object.keys(update).length === 0 && destroy.length === 0) return result;
  const emailArgs: JsonObject = { accountId };
  if (Object.keys(update).length) emailArgs.update = update;
  if (destroy.length) emailArgs.destroy = destroy;
  try {
    return {
      responses: [
        ['EmailSubmission/set', result],
        ['Email/set', await emailSet(emailArgs, ctx)],
      ],
    };
  } catch (e) {
    if (e instanceof MethodError)
      return {
        responses: [
          ['EmailSubmission/set', result],
          ['error', e.toJson()],
        ],
      };
    throw e;
  }
};

function querySubmissions(args: JsonObject, ctx: Ctx, accountId: string): string[] {
  const filter = (args.filter ?? {}) as JsonObject;
  if (!isObject(filter)) throw invalidArguments('filter must be an object');
  let list = listRecords<EmailSubmission>(ctx.db, 'EmailSubmission', accountId);
  for (const [k, v] of Object.entries(filter)) {
    const ids = Array.isArray(v) ? (v as string[]) : [];
    if (k === 'identityIds') list = list.filter((s) => ids.includes(s.identityId));
    else if (k === 'emailIds') list = list.filter((s) => ids.includes(s.emailId));
    else if (k === 'threadIds') list = list.filter((s) => ids.includes(s.threadId));
    else if (k === 'undoStatus') list = list.filter((s) => s.undoStatus === v);
    else if (k === 'before') list = list.filter((s) => typeof v === 'string' && s.sendAt < v);
    else if (k === 'after') list = list.filter((s) => typeof v === 'string' && s.sendAt >= v);
    else throw new MethodError('unsupportedFilter', `EmailSubmission/query cannot filter by ${k}`);
  }
  const sort = Array.isArray(args.sort) ? (args.sort as JsonObject[]) : [];
  const key = (s: EmailSubmission, prop: unknown): string => {
    if (prop === 'emailId') return s.emailId;
    if (prop === 'threadId') return s.threadId;
    if (prop === 'sentAt') return s.sendAt;
    throw new MethodError('unsupportedSort', `EmailSubmission/query cannot sort by ${String(prop)}`);
  };
  list.sort((a, b) => {
    for (const c of sort) {
      const x = key(a, c.property);
      const y = key(b, c.property);
      if (x !== y) return (x < y ? -1 : 1) * (c.isAscending === false ? -1 : 1);
    }
    return a.id < b.id ? -1 : 1;
  });
  return list.map((s) => s.id);
}

export const submissionMethods: Record<string, Handler> = {
  'EmailSubmission/get': (args, ctx) => {
    const accountId = accountOf(args, ctx);
    return getFrame(args, ctx, {
      accountId,
      state: typeState(ctx.db, accountId, 'EmailSubmission'),
      properties: PROPERTIES,
      all: () => listRecords<EmailSubmission>(ctx.db, 'EmailSubmission', accountId),
      byId: (id) => getRecord<EmailSubmission>(ctx.db, 'EmailSubmission', accountId, id),
    });
  },
  'EmailSubmission/set': submissionSet,
  'EmailSubmission/changes': (args, ctx) => changesFrame(args, ctx, 'EmailSubmission'),
  'EmailSubmission/query': (args, ctx) => {
    const accountId = accountOf(args, ctx);
    return pageQuery(args, ctx, accountId, 'EmailSubmission', querySubmissions(args, ctx, accountId), {
      canCalculateChanges: true,
      calculateTotal: true,
    });
  },
  'EmailSubmission/queryChanges': (args, ctx) => {
    const accountId = accountOf(args, ctx);
    return queryChangesFrame(args, ctx, accountId, 'EmailSubmission', querySubmissions(args, ctx, accountId));
  },
};
