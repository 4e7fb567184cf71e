import { useEffect, useState } from 'react';
import { renderableImage } from './safeImage.ts';

export interface InlinePart {
  /** The part's Content-ID (JMAP `cid`), with or without angle brackets. */
  cid: string;
  blob: Blob;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/**
 * `blob:` URLs for a message's inline parts, for `MessageBody`'s `cidMap`; revoked when
 * the parts change or the component goes away. Invariant: every URL is of a blob that
 * renderableImage made (raster bytes re-typed from their signature, or the PNG drawing of
 * an SVG), never of the part as the mail typed it: a blob: URL has the app's origin, and
 * one typed SVG or HTML would run its script as the app when opened on its own. A part
 * that is no image the app shows gets no URL (the body shows its alt text).
 *
 * The map is empty on the first render (URLs are made in an effect so StrictMode's double
 * effects cannot revoke a URL still in use), so inline images appear a moment later.
 * Pass a memoized array: a new array on every render would make new URLs every render.
 */
export function useCidUrls(parts: readonly InlinePart[]): ReadonlyMap<string, string> {
  const [map, setMap] = useState<ReadonlyMap<string, string>>(EMPTY);
  useEffect(() => {
    if (parts.length === 0) {
      setMap(EMPTY);
      return;
    }
    let live = true;
    const urls = new Map<string, string>();
    void Promise.all(
      parts.map(async (part) => {
        const image = await renderableImage(part.blob).catch(() => null);
        if (image && live) urls.set(part.cid, URL.createObjectURL(image));
      }),
    ).then(() => {
      if (live) setMap(new Map(urls));
    });
    return () => {
      live = false;
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
  }, [parts]);
  return map;
}
