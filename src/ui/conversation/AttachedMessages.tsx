/**
 * Attached messages (message/rfc822 parts) shown as messages inside the one that carries
 * them: their From / To / Cc / Date / Subject, their body through the same MessageBody
 * (sanitizer, sandboxed frame) as any message, their own attachments to download, and
 * messages attached inside them in turn (up to MAX_DEPTH). attachedMessage.ts reads them.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { MessageBody } from '../message/MessageBody.tsx';
import { queryRetry } from '../data/queryRetry.ts';
import { openCompose } from '../compose/store.ts';
import { displayText } from '../../sanitize/displayText.ts';
import { Attachments } from './Attachments.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { readAttachedMessage } from './attachedMessage.ts';
import { useInlineImages } from './useInlineImages.ts';
import { isCut, partsText } from './useBody.ts';
import './attached.css';

/** Attached messages inside attached messages are shown this deep; deeper ones stay files. */
const MAX_DEPTH = 3;

export const isAttachedMessage = (p: EmailBodyPart) => (p.type ?? '').toLowerCase() === 'message/rfc822' && !!p.blobId;

type Load = (part: EmailBodyPart) => Promise<Blob>;

export function AttachedMessages(props: {
  accountId: string;
  parts: readonly EmailBodyPart[];
  load?: Load;
  within: string;
  depth?: number;
}) {
  const depth = props.depth ?? 0;
  const messages = props.parts.filter(isAttachedMessage);
  if (!messages.length || depth >= MAX_DEPTH) return null;
  return (
    <>
      {messages.map((part) => (
        <AttachedMessageView
          key={part.partId ?? part.blobId}
          accountId={props.accountId}
          part={part}
          load={props.load}
          within={props.within}
          depth={depth}
        />
      ))}
    </>
  );
}

function AttachedMessageView({
  accountId,
  part,
  load,
  within,
  depth,
}: {
  accountId: string;
  part: EmailBodyPart;
  load: Load | undefined;
  within: string;
  depth: number;
}) {
  const key = `${within}/${part.blobId}`;
  const read = useQuery({
    queryKey: ['attachedMessage', accountId, key],
    queryFn: () => readAttachedMessage(accountId, part, load),
    staleTime: Infinity,
    ...queryRetry(1),
  });
  const name = displayText(part.name) || 'message.eml';
  const message = read.data;
  const files = message?.files;
  const loadHere: Load | undefined = files
    ? (p) => {
        const blob = p.blobId ? files.get(p.blobId) : undefined;
        return blob ? Promise.resolve(blob) : Promise.reject(new Error('This part of the attached message has no content.'));
      }
    : undefined;
  const inlineParts = useMemo(() => (message ? [...message.body.htmlBody, ...message.body.attachments] : []), [message]);
  const cidMap = useInlineImages(accountId, key, inlineParts, loadHere);
  return (
    <section className="attached-message" aria-label={`Attached message ${name}`}>
      <h3 className="attached-message-title">Attached message</h3>
      {read.isPending ? (
        <p className="muted" data-body-loading="">
          Reading the attached message…
        </p>
      ) : !message ? (
        <p className="notice-inline">{read.error?.message ?? 'This attached message could not be read.'}</p>
      ) : (
        <>
          <HeaderFields className="attached-message-head" values={message.headers} />
          <MessageBody
            key={key}
            html={partsText(message.body, message.body.htmlBody, 'text/html')}
            text={partsText(message.body, message.body.textBody, 'text/plain')}
            htmlRefusal={isCut(message.body, message.body.htmlBody) ? 'too large to show safely' : null}
            textRefusal={isCut(message.body, message.body.textBody) ? 'too large to show safely' : null}
            cidMap={cidMap}
            senderEmail={message.headers.from?.[0]?.email ?? ''}
            onMailto={(href) => openCompose({ mode: 'new', mailto: href })}
            title={`Attached message ${name}`}
          />
          <Attachments accountId={accountId} parts={message.body.attachments} load={loadHere} />
          <AttachedMessages accountId={accountId} parts={message.body.attachments} load={loadHere} within={key} depth={depth + 1} />
        </>
      )}
    </section>
  );
}
