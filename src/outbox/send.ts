/**
 * Drafts and sends, exactly once.
 *
 * A send is one request: Email/set creates the message in Drafts (with the Message-ID this
 * device generated when the person pressed Send), EmailSubmission/set submits it, and
 * onSuccessUpdateEmail moves it to Sent and clears $draft. Before that request goes, the
 * item is marked `uncertain`; if no answer comes back (timeout, cut connection), the next
 * try first looks the Message-ID up: found without $draft = it went out (done); found as a
 * draft = submit that one; not found = send. A submission is never repeated blindly.
 * (EmailSubmission/get cannot answer this: Cyrus 3.6 forgets a submission once sent.)
 *
 * One server draft per composition: JMAP emails are immutable, so a save creates the new
 * draft and destroys the copies before it in the same Email/set, found by the draft's own
 * Message-ID (`DraftContent.draftMessageId`, the same for every save of a composition); the
 * send's Email/set destroys them the same way, and a discard does. A lost answer leaves
 * nothing behind: the next save, send or discard finds that copy by the same Message-ID.
 *
 * Attachment bytes stay in db.outgoingBlobs until the send is accepted and are uploaded on
 * each try: the server may drop an upload nothing references after an hour. A forwarded
 * message's attachments (and a message forwarded as an attachment) are blobs already on
 * the server: the new message names their blobIds, nothing is uploaded.
 */
import { setFailures, type JmapClient } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import type { DraftContent, OutboxItem } from './intents.ts';
import type { FlusherOptions } from './flushOptions.ts';
import { emailBody, leftOut, type BodyBlob } from './bodyParts.ts';
import { enqueue } from './enqueue.ts';
import { fail } from './outcomes.ts';
import { accountItems, addNotice, items } from './tables.ts';
import { markUploadFailed, markUploaded, markUploading } from './uploads.ts';
import { describeIntent } from './queueReads.ts';

/** Keeps the bytes of an attachment until its message is sent; returns the id to put in DraftContent. */
export async function putOutgoingBlob(db: MailDb, blob: Blob, meta: { accountId: string; name: string; type: string }): Promise<string> {
  const id = crypto.randomUUID();
  // Stored as bytes (not a Blob) so every IndexedDB backend (fake-indexeddb in node too) keeps it.
  const bytes = new Uint8Array(await blob.arrayBuffer());
  await db.outgoingBlobs.put({
    id,
    intentId: '',
    accountId: meta.accountId,
    bytes,
    name: meta.name,
    type: meta.type || 'application/octet-stream',
    size: bytes.byteLength,
  });
  return id;
}

async function roleIds(db: MailDb, accountId: string): Promise<{ drafts?: string; sent?: string }> {
  const list = await db.mailboxes.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray();
  return { drafts: list.find((m) => m.role === 'drafts')?.id, sent: list.find((m) => m.role === 'sent')?.id };
}

async function findByMessageId(client: JmapClient, messageId: string): Promise<{ id: string; draft: boolean }[]> {
  const q = await client.call('Email/query', { filter: { header: ['Message-ID', `<${messageId}>`] } });
  if (q.ids.length === 0) return [];
  const got = await client.call('Email/get', { ids: q.ids, properties: ['keywords', 'messageId'] });
  return got.list.filter((e) => (e.messageId ?? []).includes(messageId)).map((e) => ({ id: e.id, draft: e.keywords?.$draft === true }));
}

function emailCreate(content: DraftContent, messageId: string, draftsId: string, blobs: BodyBlob[]) {
  const addr = (list: DraftContent['to']) => list.map((a) => ({ name: a.name ?? null, email: a.email }));
  return {
    mailboxIds: { [draftsId]: true as const },
    keywords: { $draft: true as const, $seen: true as const },
    from: addr([content.from]),
    to: addr(content.to),
    ...(content.cc.length ? { cc: addr(content.cc) } : {}),
    ...(content.bcc.length ? { bcc: addr(content.bcc) } : {}),
    subject: content.subject,
    messageId: [messageId],
    ...(content.inReplyTo?.length ? { inReplyTo: content.inReplyTo } : {}),
    ...(content.references?.length ? { references: content.references } : {}),
    ...emailBody(content.textBody, content.htmlBody, blobs),
  };
}

async function identityFor(client: JmapClient, email: string): Promise<string> {
  const list = (await client.call('Identity/get', { ids: null })).list;
  const match = list.find((i) => i.email.toLowerCase() === email.toLowerCase()) ?? list[0];
  if (!match) throw new Error('This account has no identity to send from.');
  return match.id;
}

/**
 * The attachments' blob ids: a forwarded one's own; bytes on this device uploaded, unless
 * an earlier save of the draft landed with them (`serverBlobId` on the bytes' row: the
 * server draft that landed references that blob, and the request that destroys it creates
 * the next copy first, referencing it too), so autosaves every few seconds do not upload
 * the same file again each time. `uploaded`: what this try uploaded; `reused`: rows whose
 * earlier upload it names (a refused create forgets those and tries again, uploading).
 */
async function upload(client: JmapClient, db: MailDb, content: DraftContent) {
  const out: BodyBlob[] = [];
  const uploaded: [string, string][] = [];
  const reused: string[] = [];
  for (const a of content.attachments) {
    if (leftOut(a, content.htmlBody)) continue;
    const cid = a.cid ? { cid: a.cid } : {};
    // Already on the server (forwarded): referenced by its blob id, not uploaded again.
    if (a.blobId) {
      out.push({ blobId: a.blobId, name: a.name, type: a.type || 'application/octet-stream', ...cid });
      continue;
    }
    if (!a.outgoingBlobId) throw new Error(`The attachment “${a.name}” has no bytes on this device; remove it and attach it again.`);
    const row = (await db.outgoingBlobs.get(a.outgoingBlobId)) as { bytes?: Uint8Array; type?: string; serverBlobId?: string } | undefined;
    if (!row?.bytes) throw new Error(`The attachment “${a.name}” is no longer on this device; remove it and attach it again.`);
    if (row.serverBlobId) {
      out.push({ blobId: row.serverBlobId, name: a.name, type: a.type || row.type || 'application/octet-stream', ...cid });
      reused.push(a.outgoingBlobId);
      continue;
    }
    // Each file's state on its row, shown beside it in the composer (uploads.ts).
    await markUploading(db, a.outgoingBlobId);
    let res: Awaited<ReturnType<JmapClient['upload']>>;
    try {
      res = await client.upload(row.bytes, a.type || row.type || 'application/octet-stream');
    } catch (error) {
      await markUploadFailed(db, a.outgoingBlobId, a.name, error);
      throw error;
    }
    await markUploaded(db, a.outgoingBlobId);
    out.push({ blobId: res.blobId, name: a.name, type: a.type || res.type, ...cid });
    uploaded.push([a.outgoingBlobId, res.blobId]);
  }
  return { blobs: out, uploaded, reused };
}

/**
 * The composition's server copies, in the request that makes the next one: an Email/query
 * for the drafts carrying its Message-ID, asked before the create so the new copy is not
 * among them, and the Email/set that makes the new one destroys what it found. Whatever
 * earlier requests did (answers lost, a crash, another device's save), after this one
 * lands the composition has one copy on the server, or none.
 */
function copiesOf(batch: ReturnType<JmapClient['batch']>, content: Pick<DraftContent, 'draftMessageId'>) {
  if (!content.draftMessageId) return {};
  const found = batch.call('Email/query', {
    filter: { operator: 'AND', conditions: [{ header: ['Message-ID', `<${content.draftMessageId}>`] }, { hasKeyword: '$draft' }] },
  });
  return { '#destroy': found.ref('/ids') };
}

/**
 * Copies known by id, destroyed after the create (one already gone is fine): the last one
 * known to have landed (`OutboxItem.serverDraftId`) and a draft opened from the server
 * that carries no Message-ID (`DraftContent.serverDraftId`).
 */
function destroyKnown(batch: ReturnType<JmapClient['batch']>, ids: (string | undefined)[]) {
  const known = [...new Set(ids.filter((id): id is string => !!id))];
  if (known.length) batch.call('Email/set', { destroy: known });
}

async function discardDraft(options: FlusherOptions, item: OutboxItem): Promise<void> {
  const { db, client } = options;
  if (item.intent.kind !== 'discardDraft') return;
  const batch = client.batch();
  const destroy = copiesOf(batch, item.intent);
  const set = '#destroy' in destroy ? batch.call('Email/set', destroy) : null;
  destroyKnown(batch, [item.serverDraftId, item.intent.serverDraftId]);
  try {
    await batch.send();
  } catch (error) {
    await fail(options, [item], error);
    return;
  }
  if (set?.error) return fail(options, [item], set.error);
  await items(db).delete(item.id);
}

/**
 * RFC 4865 FUTURERELEASE through RFC 8621's envelope: HOLDUNTIL asks the server to keep
 * the message until then (Cyrus 3.6 and the demo hold it themselves and can cancel it).
 * The envelope is given whole (a client-set one replaces the derived one): From, and
 * To + Cc + Bcc once each. A time already past (a send queued offline past its time)
 * goes at once, without the parameter. Cyrus and RFC 8621 refuse a client `sendAt`.
 */
function heldEnvelope(content: DraftContent, sendAt: number | undefined, now: number) {
  if (!sendAt || sendAt <= now + 1000) return null;
  const seen = new Set<string>();
  const rcptTo = [...content.to, ...content.cc, ...content.bcc]
    .filter((a) => !seen.has(a.email.toLowerCase()) && seen.add(a.email.toLowerCase()))
    .map((a) => ({ email: a.email, parameters: null }));
  const until = new Date(sendAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { mailFrom: { email: content.from.email, parameters: { HOLDUNTIL: until } }, rcptTo };
}

/**
 * A held submission canceled, and its message back in Drafts as a draft (onSuccessUpdateEmail:
 * only once the cancel was accepted). Refused (already sent, or forgotten by the server once
 * sent: Cyrus answers notFound) says so in words; nothing is retried.
 */
async function cancelScheduled(options: FlusherOptions, item: OutboxItem): Promise<void> {
  const { db, accountId, client } = options;
  if (item.intent.kind !== 'cancelScheduled') return;
  const roles = await roleIds(db, accountId);
  const back = roles.drafts
    ? {
        [item.intent.submissionId]: {
          ...(roles.sent ? { [`mailboxIds/${roles.sent}`]: null } : {}),
          [`mailboxIds/${roles.drafts}`]: true,
          'keywords/$draft': true,
        },
      }
    : undefined;
  const batch = client.batch();
  const set = batch.call('EmailSubmission/set', {
    update: { [item.intent.submissionId]: { undoStatus: 'canceled' } },
    ...(back ? { onSuccessUpdateEmail: back } : {}),
  });
  try {
    await batch.send();
  } catch (error) {
    await fail(options, [item], error);
    return;
  }
  const itemError = set.error ? undefined : setFailures('EmailSubmission/set', set.result)[0];
  const refused = set.error ?? itemError;
  await items(db).delete(item.id);
  if (refused) {
    const sent = itemError && ['cannotUnsend', 'notFound'].includes(itemError.type);
    const why = sent ? 'it was already sent' : refused.message;
    await addNotice(db, accountId, `“${item.intent.subject || '(no subject)'}” could not be canceled: ${why}.`);
  }
}

export async function sendItem(options: FlusherOptions, item: OutboxItem): Promise<void> {
  const { db, accountId, client } = options;
  const intent = item.intent;
  if (intent.kind === 'discardDraft') return discardDraft(options, item);
  if (intent.kind === 'cancelScheduled') return cancelScheduled(options, item);
  if (intent.kind !== 'send' && intent.kind !== 'saveDraft') return;
  const later = (await accountItems(db, accountId)).filter(
    (i) => i.createdAt > item.createdAt && 'draftId' in i.intent && i.intent.draftId === intent.draftId,
  );
  // A draft saved again (or sent, or discarded) later: this version never needs to reach
  // the server; what an earlier try of it made, the later one destroys.
  if (intent.kind === 'saveDraft' && later.length) {
    await items(db).delete(item.id);
    return;
  }
  const messageId = item.messageId!;
  const roles = await roleIds(db, accountId);
  if (!roles.drafts || (intent.kind === 'send' && !roles.sent)) {
    await items(db).update(item.id, { state: 'failed', reason: 'This account has no Drafts or Sent folder to send from.' });
    return;
  }
  let existingDraftId: string | null = null;
  // A send whose answer was lost: did it go out, or is it waiting in Drafts? (A draft needs
  // no look-up: the next try destroys what the last one made.)
  if (item.uncertain && intent.kind === 'send') {
    const found = await findByMessageId(client, messageId);
    if (found.some((f) => !f.draft)) return finish(db, item, later, null);
    existingDraftId = found.find((f) => f.draft)?.id ?? null;
  }
  const content = intent.content;
  const batch = client.batch();
  let create;
  let blobs: Awaited<ReturnType<typeof upload>> | undefined;
  if (!existingDraftId) {
    blobs = await upload(client, db, content);
    const destroy = copiesOf(batch, content);
    create = batch.call('Email/set', { create: { m: emailCreate(content, messageId, roles.drafts, blobs.blobs) }, ...destroy });
    destroyKnown(batch, [item.serverDraftId, content.serverDraftId]);
  }
  // Written offline before the identities were ever fetched: pick the one for the From address now.
  const identityId = intent.kind === 'send' ? intent.identityId || (await identityFor(client, content.from.email)) : '';
  const envelope = intent.kind === 'send' ? heldEnvelope(content, intent.sendAt, Date.now()) : null;
  const submit =
    intent.kind === 'send'
      ? batch.call('EmailSubmission/set', {
          create: { s: { identityId, emailId: existingDraftId ?? '#m', ...(envelope ? { envelope } : {}) } },
          onSuccessUpdateEmail: {
            '#s': { [`mailboxIds/${roles.drafts}`]: null, [`mailboxIds/${roles.sent}`]: true, 'keywords/$draft': null },
          },
        })
      : null;
  await items(db).update(item.id, { state: 'sending', uncertain: true });
  try {
    await batch.send();
  } catch (error) {
    await fail(options, [{ ...item, state: 'waiting' }], error);
    await items(db).update(item.id, { state: 'waiting' });
    return;
  }
  const refusedCreate = create ? setFailures('Email/set', create.result).find((f) => f.op === 'create') : undefined;
  if ((create?.error || refusedCreate) && blobs?.reused.length) {
    // A blob an earlier save uploaded may be gone (its draft destroyed meanwhile): upload again, now.
    await Promise.all(blobs.reused.map((id) => db.outgoingBlobs.update(id, { serverBlobId: undefined })));
    await items(db).update(item.id, { state: 'waiting', uncertain: false, notBefore: 0 });
    return;
  }
  if (create?.error || refusedCreate) {
    const why = create?.error?.message ?? refusedCreate!.message;
    await items(db).update(item.id, { state: 'failed', uncertain: false, reason: why });
    await addNotice(db, accountId, `${describeIntent(intent)} failed: ${why}`);
    return;
  }
  const createdId = existingDraftId ?? create!.result.created?.m?.id ?? null;
  await Promise.all((blobs?.uploaded ?? []).map(([id, blobId]) => db.outgoingBlobs.update(id, { serverBlobId: blobId })));
  if (submit) {
    const refused = submit.error ?? setFailures('EmailSubmission/set', submit.result)[0];
    if (refused) {
      // The message sits in Drafts: a retry submits that one (found by its Message-ID).
      await items(db).update(item.id, { state: 'failed', reason: refused.message });
      await addNotice(db, accountId, `${describeIntent(intent)} failed: ${refused.message}. It is kept in your outbox.`);
      return;
    }
  }
  await finish(db, item, later, createdId);
}

/**
 * Accepted: the item goes, the draft on this device learns its server copy, bytes go.
 * A reply or forward that went out marks its original ($answered / $forwarded) by a
 * keywords intent queued in the same transaction as the send's removal: once, only after
 * the submission was accepted, and offline-safe like any intent. (Not in the send's own
 * request: onSuccessUpdateEmail patches only the submitted message, and an Email/set of
 * the original beside it would run even when the submission is refused.)
 */
async function finish(db: MailDb, item: OutboxItem, later: OutboxItem[], serverDraftId: string | null): Promise<void> {
  await db.transaction('rw', [db.outbox, db.outgoingBlobs, db.overlays, db.emails, db.settings, db.drafts], async () => {
    await items(db).delete(item.id);
    const answers = item.intent.kind === 'send' ? item.intent.content.answers : undefined;
    if (answers) await enqueue(db, item.accountId, { kind: 'keywords', emailIds: [answers.emailId], add: [answers.keyword] });
    // The draft kept on this device learns its server copy, and that it is unchanged since
    // (updatedAt <= landedAt) unless edited after this save was queued (src/store DraftRow).
    if (item.intent.kind === 'saveDraft' && serverDraftId) {
      await db.drafts.update(item.intent.draftId, { serverId: serverDraftId, landedAt: item.createdAt });
      // Saves, a send or a discard queued since (also while this request was out) destroy it by id.
      const draftId = item.intent.draftId;
      await items(db)
        .where('[accountId+createdAt]')
        .between([item.accountId, item.createdAt + 1], [item.accountId, Infinity])
        .filter((l) => 'draftId' in l.intent && l.intent.draftId === draftId)
        .modify({ serverDraftId });
    }
    if (item.intent.kind === 'send') {
      const stillUsed = new Set(
        later.flatMap((l) => ('content' in l.intent ? l.intent.content.attachments.flatMap((a) => a.outgoingBlobId ?? []) : [])),
      );
      const mine = item.intent.content.attachments.flatMap((a) => a.outgoingBlobId ?? []).filter((id) => !stillUsed.has(id));
      await db.outgoingBlobs.bulkDelete(mine);
    }
  });
}
