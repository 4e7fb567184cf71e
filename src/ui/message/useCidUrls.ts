import { useEffect, useState } from 'react';

export interface InlinePart {
  /** The part's Content-ID (JMAP `cid`), with or without angle brackets. */
  cid: string;
  blob: Blob;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/**
 * `blob:` URLs for a message's inline parts, for `MessageBody`'s `cidMap`; revoked when
 * the parts change or the component goes away. The map is empty on the first render
 * (URLs are made in an effect so StrictMode's double effects cannot revoke a URL still
 * in use), so inline images appear one render later. Pass a memoized array: a new
 * array on every render would make new URLs on every render.
 */
export function useCidUrls(parts: readonly InlinePart[]): ReadonlyMap<string, string> {
  const [map, setMap] = useState<ReadonlyMap<string, string>>(EMPTY);
  useEffect(() => {
    if (parts.length === 0) {
      setMap(EMPTY);
      return;
    }
    const urls = new Map(parts.map((part) => [part.cid, URL.createObjectURL(part.blob)] as const));
    setMap(urls);
    return () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
  }, [parts]);
  return map;
}
