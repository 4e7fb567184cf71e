/**
 * A draft on the server (the Drafts folder, written on any device) as a composition: its
 * recipients, subject, text (its HTML too when it was written as rich text, with the images
 * it shows as inline attachments), attachments by blob id (never downloaded or uploaded again) and the headers of the reply it is.
 * It continues the same composition: its Message-ID is the composition's, so the next
 * save replaces it (src/outbox send.ts); one without a Message-ID is replaced by its id.
 * Pure: the reads are openDraft.ts's.
 */
import type { EmailAddress, EmailBodyPart, Identity } from '../../jmap/index.ts';
import type { DraftContent } from '../../outbox/index.ts';
import type { BodyRecord, EmailRecord } from '../../sync/index.ts';
import { draftMessageId, type DraftRowContent } from './draft.ts';

/** A body as the mirror keeps it or the host answers it (src/host `body`). */
export type DraftBody = Pick<BodyRecord, 'textBody' | 'htmlBody' | 'attachments' | 'bodyValues'> &
  Partial<Pick<BodyRecord, 'bcc' | 'inReplyTo' | 'references'>>;

const addresses = (list: readonly EmailAddress[] | null | undefined): DraftContent['to'] =>
  (list ?? []).filter((a) => !!a.email).map((a) => ({ name: a.name ?? null, email: a.email }));

const joined = (body: DraftBody, parts: readonly EmailBodyPart[]) =>
  parts.map((p) => (p.partId ? (body.bodyValues[p.partId]?.value ?? '') : '')).join('\n');

const isHtml = (p: EmailBodyPart) => p.type === 'text/html';

/** True when the body holds all of the draft's text (editing a cut one would lose the rest). */
export function wholeDraft(body: DraftBody): boolean {
  return ![...body.textBody, ...body.htmlBody].some((p) => p.partId && body.bodyValues[p.partId]?.isTruncated === true);
}

export function draftFromServer(
  email: EmailRecord,
  body: DraftBody,
  row: { id: string; accountId: string; updatedAt: number },
  identities: readonly Identity[],
): DraftRowContent {
  const from = addresses(email.from)[0] ?? { name: null, email: '' };
  const identity = identities.find((i) => i.email && i.email.toLowerCase() === from.email.toLowerCase());
  const rich = body.htmlBody.some(isHtml);
  const messageId = email.messageId?.[0];
  const html = rich ? joined(body, body.htmlBody.filter(isHtml)) : '';
  const content: DraftContent = {
    from,
    ...(identity ? { identityId: identity.id } : {}),
    to: addresses(email.to),
    cc: addresses(email.cc),
    bcc: addresses(body.bcc),
    subject: email.subject ?? '',
    textBody: joined(
      body,
      body.textBody.filter((p) => !isHtml(p)),
    ),
    ...(rich ? { htmlBody: html } : {}),
    ...(body.inReplyTo?.length ? { inReplyTo: body.inReplyTo } : {}),
    ...(body.references?.length ? { references: body.references } : {}),
    attachments: body.attachments.flatMap((a) =>
      a.blobId
        ? [
            {
              blobId: a.blobId,
              name: a.name ?? 'attachment',
              type: a.type || 'application/octet-stream',
              size: a.size ?? 0,
              // An image its HTML shows (`cid:`) stays in the text, sent inline again by blob id.
              ...(rich && a.cid && html.includes(`cid:${a.cid}`) ? { cid: a.cid } : {}),
            },
          ]
        : [],
    ),
    draftMessageId: messageId ?? draftMessageId(from.email),
    ...(messageId ? {} : { serverDraftId: email.id }),
  };
  return { ...row, content, rich };
}
