import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { useCidUrls, type InlinePart } from '../message/useCidUrls.ts';
import { partBlob } from './partBlob.ts';

/** Inline images above this are left out (a body is not the place for a 20 MB photo). */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;

const EMPTY: InlinePart[] = [];

/**
 * blob: URLs for the images an HTML body names by cid: (multipart/related), from the
 * offline cache or downloaded once (then kept). Images by declared type, or untyped
 * (octet-stream, as some mailers send them): useCidUrls shows only what the bytes prove
 * to be a raster image (or an SVG, drawn as PNG), whatever the declared type. One that cannot be had (offline, never
 * opened here) just stays out: the sanitized body shows its alt text.
 */
export function useInlineImages(
  accountId: string,
  emailId: string,
  parts: readonly EmailBodyPart[],
  /** The bytes of parts read on this device (an attached message read offline); else partBlob. */
  load?: (part: EmailBodyPart) => Promise<Blob>,
): ReadonlyMap<string, string> {
  const wanted = useMemo(() => {
    const seen = new Set<string>();
    return parts.filter((p) => {
      if (
        !p.cid ||
        !p.blobId ||
        !/^(image\/|application\/octet-stream)/i.test(p.type ?? '') ||
        (p.size ?? 0) > MAX_INLINE_BYTES ||
        seen.has(p.cid)
      )
        return false;
      seen.add(p.cid);
      return true;
    });
  }, [parts]);
  const images = useQuery({
    queryKey: ['inline', accountId, emailId, wanted.map((p) => p.blobId).join()],
    enabled: wanted.length > 0,
    staleTime: Infinity,
    retry: false,
    queryFn: async (): Promise<InlinePart[]> => {
      const got = await Promise.allSettled(
        wanted.map(async (p) => ({ cid: p.cid!, blob: await (load ? load(p) : partBlob(accountId, p)) })),
      );
      return got.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    },
  });
  return useCidUrls(images.data ?? EMPTY);
}
