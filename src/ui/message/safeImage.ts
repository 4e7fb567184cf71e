/**
 * Mail bytes the app is about to show or hand over, made inert for this origin.
 *
 * Why: a `blob:` URL the app makes has the app's origin, whatever frame shows it. Typed
 * as SVG, HTML or XML and opened on its own ("Open image in new tab", a navigation, a
 * drag), its script would run as the app, with the mirror and the credentials in reach.
 * So no blob made from mail ever carries a type that renders as a document:
 * - images to show (inline `cid:` parts, attachment previews) are re-typed from their
 *   bytes against a raster allow-list (png, jpeg, gif, webp, avif, bmp), whatever the
 *   mail declared; an SVG is drawn into a canvas and shown as the PNG of that drawing
 *   (loaded from a `data:` URL, which has no origin, into an <img>, where SVG runs no
 *   script and loads nothing); anything else is not shown;
 * - everything saved is typed `application/octet-stream`, which no browser renders.
 */

export const RASTER_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'] as const;
export type RasterType = (typeof RASTER_TYPES)[number];

/** Largest side of a rasterised SVG, in pixels (a huge declared size costs memory only). */
const MAX_RASTER_SIDE = 2048;

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** The raster type the bytes are, by their signature; null when none of the allowed. */
export function sniffRaster(bytes: Uint8Array): RasterType | null {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    ascii(bytes, 1, 3) === 'PNG' &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') {
    // ISO BMFF: the major brand, then compatible brands up to the box's size.
    const size = Math.min(bytes.length, ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, 64);
    for (let at = 8; at + 4 <= size; at += 4) {
      if (at === 12) continue; // minor version
      const brand = ascii(bytes, at, 4);
      if (brand === 'avif' || brand === 'avis') return 'image/avif';
    }
    return null;
  }
  if (bytes.length >= 14 && ascii(bytes, 0, 2) === 'BM') return 'image/bmp';
  return null;
}

/** The bytes read as the start of an SVG document (declared type aside). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/^<svg[\s>/]/i.test(head)) return true;
  // An XML prolog, comments or a doctype may come first.
  return /^(<\?xml[^>]*>|<!--[\s\S]*?-->|<!doctype[^>]*>|\s)*<svg[\s>/]/i.test(head);
}

/** Bytes for a download: never a type the browser would render. */
export function inertForDownload(blob: Blob): Blob {
  return blob.type === 'application/octet-stream' ? blob : new Blob([blob], { type: 'application/octet-stream' });
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An SVG drawn once into a canvas: the PNG of what it shows, or null when it cannot be drawn. */
async function rasteriseSvg(bytes: Uint8Array): Promise<Blob | null> {
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;base64,${bytesToBase64(bytes)}`;
  try {
    await image.decode();
  } catch {
    return null;
  }
  // An SVG without a size draws at 300x150, as the browser sizes a replaced element.
  let width = image.naturalWidth || 300;
  let height = image.naturalHeight || 150;
  const scale = Math.min(1, MAX_RASTER_SIDE / Math.max(width, height));
  width = Math.max(1, Math.round(width * scale));
  height = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(image, 0, 0, width, height);
  try {
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  } catch {
    // A tainted canvas refuses to export: the SVG is then not shown.
    return null;
  }
}

/**
 * A blob safe to show as an image on this origin: the same bytes re-typed as the raster
 * type they are, a PNG drawing of an SVG, or null (not an image the app shows).
 */
export async function renderableImage(blob: Blob): Promise<Blob | null> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const raster = sniffRaster(bytes);
  if (raster) return new Blob([bytes], { type: raster });
  if (looksLikeSvg(bytes) || /^image\/svg\+xml\b/i.test(blob.type)) return rasteriseSvg(bytes);
  return null;
}
