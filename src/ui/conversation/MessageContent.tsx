import { useMemo, useState } from 'react';
import { readSetting, remoteImagesFrom, writeSetting } from '../../store/index.ts';
import type { EmailRecord, MailboxRecord } from '../../sync/index.ts';
import { MessageBody } from '../message/MessageBody.tsx';
import { AddressText } from '../message/HeaderText.tsx';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { who } from '../threads/format.ts';
import { openCompose } from '../compose/store.ts';
import { Attachments } from './Attachments.tsx';
import { AttachedMessages } from './AttachedMessages.tsx';
import { Unsubscribe } from './Unsubscribe.tsx';
import { saveAs } from './partBlob.ts';
import { ShowOriginal, emlName, originalBlob } from './ShowOriginal.tsx';
import { isCut, partsSize, partsText, useBody } from './useBody.ts';
import { useInlineImages } from './useInlineImages.ts';
import { useRedecoded } from './useRedecoded.ts';
import { NotOnDevice } from './NotOnDevice.tsx';
import { peekRemoteAllowed } from './peek.ts';

/** One open message: its recipients, unsubscribe, the sanitized body, attachments, the original. */
export function MessageContent({
  accountId,
  email,
  mailboxes,
}: {
  accountId: string;
  email: EmailRecord;
  mailboxes: readonly MailboxRecord[];
}) {
  const loaded = useBody(accountId, email.id);
  const { error, loading, partial, missing, slow } = loaded;
  const { body, note: charsetNote } = useRedecoded(accountId, email.id, loaded.body);
  const sender = email.from?.[0]?.email ?? '';
  const allowed = useLiveQuery(
    async () => (sender ? readSetting(mailDb(), remoteImagesFrom(sender)) : false),
    [sender.toLowerCase()],
    () => peekRemoteAllowed(sender),
  );
  const inlineParts = useMemo(() => (body ? [...body.htmlBody, ...body.attachments] : []), [body]);
  const cidMap = useInlineImages(accountId, email.id, inlineParts);
  const [problem, setProblem] = useState<string | null>(null);
  const downloadOriginal = () => {
    setProblem(null);
    originalBlob(accountId, email)
      .then((blob) => saveAs(blob, emlName(email)))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  if (missing || slow) return <NotOnDevice email={email} reach={missing} />;
  if (loading)
    return (
      <p className="muted" data-body-loading="">
        Loading the message…
      </p>
    );
  if (error || !body) return <p className="notice-inline">{error ?? 'This message has no body.'}</p>;
  const html = partsText(body, body.htmlBody, 'text/html');
  const text = partsText(body, body.textBody, 'text/plain');
  // Cut by the server at what the page renders at most: too large, said in words.
  const cutWords = (type: string, parts: typeof body.htmlBody) =>
    !partial && isCut(body, parts) ? `too large to show safely (${(partsSize(parts, type) / 1_000_000).toFixed(1)} MB)` : null;
  return (
    <div className="message-body">
      {email.to?.length ? (
        <p className="recipients muted">
          To:{' '}
          {email.to.map((a, i) => (
            <span key={i}>
              {i > 0 ? ', ' : null}
              <AddressText name={a.name} email={a.email} />
            </span>
          ))}
        </p>
      ) : null}
      <Unsubscribe accountId={accountId} email={email} headers={body.headers} mailboxes={mailboxes} />
      <MessageBody
        key={email.id}
        html={html}
        text={text}
        senderEmail={sender}
        cidMap={cidMap}
        htmlRefusal={cutWords('text/html', body.htmlBody)}
        textRefusal={cutWords('text/plain', body.textBody)}
        note={
          [partial ? 'Only the start of this message is on this device. The rest shows when you are back online.' : null, charsetNote]
            .filter(Boolean)
            .join(' ') || null
        }
        onDownload={downloadOriginal}
        onMailto={(href) => openCompose({ mode: 'new', mailto: href })}
        remoteAllowed={allowed === true}
        onAlwaysAllowSender={(s) => void writeSetting(mailDb(), remoteImagesFrom(s), true)}
        title={`Message from ${who(email.from)}`}
      />
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
      <Attachments
        accountId={accountId}
        parts={body.attachments}
        of={{ receivedMs: email.receivedMs, mailboxIds: Object.keys(email.mailboxIds) }}
      />
      <AttachedMessages accountId={accountId} parts={body.attachments} within={email.id} />
      <ShowOriginal accountId={accountId} email={email} />
    </div>
  );
}
