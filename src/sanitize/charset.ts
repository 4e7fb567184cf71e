/**
 * Decoding raw body bytes. A JMAP server normally hands over decoded text
 * (`bodyValues`), so this is only for bytes we hold ourselves (a downloaded part or
 * message blob). An unknown or missing charset falls back: first strict UTF-8 (most
 * unlabeled mail today), then windows-1252, which maps every byte to some character and
 * is what browsers use for unlabeled Western text — so decoding never fails, though
 * text in another legacy charset may show wrong letters (reported via `fellBack`).
 */
export interface DecodedText {
  text: string;
  /** The encoding actually used (a WHATWG encoding name). */
  encoding: string;
  /** The declared charset was missing, unknown or wrong, and a fallback was used. */
  fellBack: boolean;
}

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // RangeError: a label the Encoding Standard does not know
  }
}

export function decodeBytes(bytes: Uint8Array, charset?: string | null): DecodedText {
  const label = charset?.trim().replace(/^["']|["']$/g, '') ?? '';
  const declared = label ? decoderFor(label, false) : null;
  // "replacement" is what the standard maps dangerous labels (ISO-2022-KR, HZ...) to:
  // it decodes everything to one U+FFFD, which is no better than a fallback.
  if (declared && declared.encoding !== 'replacement') {
    return { text: declared.decode(bytes), encoding: declared.encoding, fellBack: false };
  }
  const utf8 = decoderFor('utf-8', true);
  if (utf8) {
    try {
      return { text: utf8.decode(bytes), encoding: 'utf-8', fellBack: label !== '' };
    } catch {
      // not UTF-8: fall through
    }
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', fellBack: true };
}

/** WHATWG index for bytes 0x80–0x9F; every other byte is its own code point. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Our own windows-1252 decoder. Surprise: Node 20's `TextDecoder('windows-1252')`
 * decodes 0x80–0x9F as Latin-1 control characters (0x80 gives U+0080, not "€"), unlike
 * browsers, so the fallback would differ between the page and tests.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const codes = Array.from(bytes.subarray(start, start + chunk), (b) =>
      b >= 0x80 && b <= 0x9f ? (WINDOWS_1252_HIGH[b - 0x80] ?? b) : b,
    );
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}
