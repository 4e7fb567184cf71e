import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { decodeBytes } from '../../sanitize/index.ts';
import { partBlob } from './partBlob.ts';
import { cutAtTag, type LoadedBody } from './useBody.ts';

/** Larger parts are not fetched again just to fix their letters. */
const MAX_REDECODE_BYTES = 2_000_000;

export interface Redecoded {
  body: LoadedBody | null;
  /** Words for the person when the text had to be guessed or could not be read. */
  note: string | null;
}

function problemParts(body: LoadedBody): EmailBodyPart[] {
  const parts = [...body.htmlBody, ...body.textBody];
  const seen = new Set<string>();
  return parts.filter((p) => {
    if (!p.partId || seen.has(p.partId) || !p.blobId) return false;
    seen.add(p.partId);
    return (body.bodyValues[p.partId]?.isEncodingProblem === true || cutAtTag(body, p)) && (p.size ?? 0) <= MAX_REDECODE_BYTES;
  });
}

/**
 * Also re-read: a part the server cut at a tag although it is small (see cutAtTag).
 *
 * A body whose text the server could not decode (RFC 8621 isEncodingProblem: an unknown
 * or wrong charset) is decoded here from the part's own bytes: the declared charset if
 * the browser knows it, else UTF-8 if the bytes are UTF-8, else windows-1252.
 * Surprise from Cyrus 3.6: for `charset=x-made-up-charset` it answers the part's
 * charset as "us-ascii", replaces every 8-bit byte with U+FFFD and sets
 * isEncodingProblem; "us-ascii" is a WHATWG label of windows-1252, so decoding the
 * bytes again with it shows "café – 5 €" where the server gave "caf� � 5 �".
 */
export function useRedecoded(accountId: string, emailId: string, body: LoadedBody | null): Redecoded {
  const parts = body ? problemParts(body) : [];
  const fixed = useQuery({
    queryKey: ['redecoded', accountId, emailId, parts.map((p) => p.partId).join(',')],
    enabled: parts.length > 0,
    retry: false,
    staleTime: Infinity,
    queryFn: async () => {
      const values: Record<string, { value: string; fellBack: boolean; encoding: string; encodingProblem: boolean }> = {};
      for (const part of parts) {
        const bytes = new Uint8Array(await (await partBlob(accountId, part)).arrayBuffer());
        const decoded = decodeBytes(bytes, part.charset);
        const encodingProblem = body!.bodyValues[part.partId!]?.isEncodingProblem === true;
        values[part.partId!] = { value: decoded.text, fellBack: decoded.fellBack, encoding: decoded.encoding, encodingProblem };
      }
      return values;
    },
  });
  const data = fixed.data;
  const pending = fixed.isPending;
  const count = parts.length;
  const unreadable = !!body && parts.some((p) => body.bodyValues[p.partId!]?.isEncodingProblem === true);
  // Memoized: a new body object each render would redo the inline images below it.
  return useMemo((): Redecoded => {
    if (!body || count === 0) return { body, note: null };
    if (!data) {
      // Meanwhile (or offline): the server's text, with its replacement characters, said.
      return {
        body,
        note:
          pending || !unreadable
            ? null
            : 'Some characters of this message could not be read: it names a character set this app does not know.',
      };
    }
    const bodyValues = { ...body.bodyValues };
    for (const [partId, v] of Object.entries(data))
      bodyValues[partId] = { ...bodyValues[partId]!, value: v.value, isEncodingProblem: false, isTruncated: false };
    const guessed = Object.values(data).find((v) => v.encodingProblem && (v.fellBack || v.encoding === 'windows-1252'));
    return {
      body: { ...body, bodyValues },
      note: guessed
        ? `This message names a character set the server could not read; it is shown as ${guessed.encoding === 'utf-8' ? 'UTF-8' : 'Western (windows-1252)'} text, so a few letters may be wrong.`
        : null,
    };
  }, [body, count, data, pending, unreadable]);
}
