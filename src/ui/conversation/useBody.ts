import { useQuery } from '@tanstack/react-query';
import type { EmailBodyPart } from '../../jmap/index.ts';
import type { BodyRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { clientFor } from '../data/session.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

const PROPS = ['id', 'receivedAt', 'textBody', 'htmlBody', 'attachments', 'bodyValues', 'headers', 'replyTo', 'bcc', 'inReplyTo', 'references'];

export type LoadedBody = Pick<BodyRecord, 'textBody' | 'htmlBody' | 'attachments' | 'bodyValues'>;

/** The body from the mirror when it is cached for offline reading, else from the server. */
export function useBody(accountId: string, emailId: string): { body: LoadedBody | null; error: string | null; loading: boolean } {
  const cached = useLiveQuery(async () => (await mailDb().bodies.get([accountId, emailId])) ?? null, [accountId, emailId]);
  const fetched = useQuery({
    queryKey: ['body', accountId, emailId],
    enabled: cached === null,
    retry: 1,
    staleTime: Infinity,
    queryFn: async (): Promise<LoadedBody> => {
      const client = await clientFor(mailDb(), accountId);
      const res = await client.call('Email/get', { accountId, ids: [emailId], properties: PROPS, fetchTextBodyValues: true, fetchHTMLBodyValues: true, maxBodyValueBytes: 2_000_000 });
      const email = res.list[0];
      if (!email) throw new Error('This message is no longer on the server.');
      return {
        textBody: (email.textBody ?? []) as EmailBodyPart[],
        htmlBody: (email.htmlBody ?? []) as EmailBodyPart[],
        attachments: (email.attachments ?? []) as EmailBodyPart[],
        bodyValues: (email.bodyValues ?? {}) as LoadedBody['bodyValues'],
      };
    },
  });
  if (cached) return { body: cached, error: null, loading: false };
  if (cached === undefined || fetched.isPending) return { body: null, error: null, loading: true };
  if (fetched.error) {
    const offline = typeof navigator !== 'undefined' && !navigator.onLine;
    return { body: null, error: offline ? 'This message is not available offline yet. It will be when you are back online.' : fetched.error.message, loading: false };
  }
  return { body: fetched.data ?? null, error: null, loading: false };
}

/** The decoded text of the parts of one kind (text/html or text/plain), joined. */
export function partsText(body: LoadedBody, parts: readonly EmailBodyPart[], type: string): string | null {
  const texts = parts.filter((p) => p.type === type && p.partId && body.bodyValues[p.partId]).map((p) => body.bodyValues[p.partId!]!.value);
  return texts.length ? texts.join('\n') : null;
}
