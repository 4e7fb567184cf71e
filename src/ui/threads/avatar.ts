/**
 * An initials avatar: up to two letters from the display name (else the address), and
 * one of eight tones picked from the address, so a person has the same colour on every
 * row and device. The tones are CSS classes (app.css, "avatars"), each dark enough for
 * white letters in both themes; here only the choice, to keep the start path small.
 */
export function initials(name: string | null | undefined, email: string | null | undefined): string {
  const words = (name || (email ?? '').split('@')[0] || '?').match(/[\p{L}\p{N}]+/gu) ?? ['?'];
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + last).toUpperCase();
}

export function tone(email: string | null | undefined): number {
  let h = 0;
  for (const c of (email ?? '').toLowerCase()) h = (h * 31 + c.charCodeAt(0)) | 0;
  return (h >>> 0) % 8;
}
