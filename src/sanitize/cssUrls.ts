/**
 * URL handling inside CSS text that the browser has already parsed and re-serialised
 * (CSSOM). Canonical serialisation is what makes string matching sound here: escapes
 * such as `\75 rl(` are decoded, `image-set("x" 1x)` becomes `image-set(url("x") 1x)`,
 * and every URL appears as `url("...")`. Pure functions, no DOM.
 */

/** One `url("...")` found in canonical CSS text. */
export interface CssUrl {
  /** Offsets of the whole `url("...")` in the text. */
  start: number;
  end: number;
  url: string;
}

/** Reads every `url("...")` of canonical CSS (CSSOM "serialize a URL"). */
export function extractCssUrls(text: string): CssUrl[] {
  const out: CssUrl[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const start = lower.indexOf('url("', from);
    if (start < 0) return out;
    let i = start + 5;
    let url = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const decoded = readEscape(text, i);
        url += decoded.char;
        i = decoded.next;
      } else {
        url += text[i];
        i++;
      }
    }
    // Past the closing quote and parenthesis.
    const end = text.indexOf(')', i) + 1 || text.length;
    out.push({ start, end, url });
    from = end;
  }
}

function readEscape(text: string, at: number): { char: string; next: number } {
  const hex = /^[0-9a-fA-F]{1,6}/.exec(text.slice(at + 1, at + 7));
  if (hex) {
    let next = at + 1 + hex[0].length;
    if (text[next] === ' ') next++;
    const code = parseInt(hex[0], 16);
    const char = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    return { char, next };
  }
  return { char: text[at + 1] ?? '', next: at + 2 };
}

/** CSSOM "serialize a string", so a URL we substitute reads back as itself. */
export function serializeCssString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0) out += '\ufffd';
    else if ((code >= 1 && code <= 0x1f) || code === 0x7f) out += '\\' + code.toString(16) + ' ';
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    // `<` never appears raw, so the text can never close a <style> element.
    else if (ch === '<') out += '\\3c ';
    else out += ch;
  }
  return out + '"';
}

/** Replaces each url() by a new URL, or gives null when any of them must go. */
export function replaceCssUrls(text: string, decide: (url: string) => string | null): string | null {
  const urls = extractCssUrls(text);
  if (urls.length === 0) return text;
  let out = '';
  let last = 0;
  let refused = false;
  for (const u of urls) {
    const replacement = decide(u.url);
    if (replacement === null) {
      // Keep deciding, so every URL of the declaration is counted.
      refused = true;
      continue;
    }
    out += text.slice(last, u.start) + 'url(' + serializeCssString(replacement) + ')';
    last = u.end;
  }
  return refused ? null : out + text.slice(last);
}

/**
 * Values the browser keeps as written instead of canonicalising: custom properties and
 * anything using var()/attr() are stored as raw tokens and only resolved when used, so
 * an escaped `\75 rl(` could hide there. Such a value survives only when it cannot
 * carry a URL at all.
 */
export function isUncanonicalValue(name: string, value: string): boolean {
  return name.startsWith('--') || /\b(?:var|attr|env)\s*\(/i.test(value);
}

export function rawValueMayLoad(value: string): boolean {
  return value.includes('\\') || /url\s*\(|image-set|image\s*\(|cross-fade|element\s*\(|src\s*\(|@import/i.test(value);
}

/** Canonical CSS never needs a raw `<`; escaping it keeps `</style>` out of a sheet. */
export function escapeCssForHtml(css: string): string {
  return css.replace(/</g, '\\3c ');
}
