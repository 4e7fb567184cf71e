/**
 * From is one of the account's identities. A reply sends from the identity the original
 * was addressed to (To or Cc), else the first. An identity the server lists without an
 * address (Cyrus 3.6 when usernames carry no domain) takes the session's username when
 * that is an address, else the one the person gave once (remembered on the device).
 * The signature follows the identity: switching From swaps the signature block while
 * the person has not changed it. Pure.
 */
import type { Identity } from '../../jmap/index.ts';
import type { Recipient } from './addresses.ts';

const isAddress = (s: string | null | undefined): s is string => !!s && /^[^\s@]+@[^\s@]+$/.test(s);

/** The identity a reply to mail addressed to `addressedTo` is sent from. */
export function pickIdentity(identities: readonly Identity[], addressedTo: readonly Recipient[]): Identity | undefined {
  const to = new Set(addressedTo.map((a) => a.email.toLowerCase()));
  return identities.find((i) => i.email && to.has(i.email.toLowerCase())) ?? identities[0];
}

export interface FromAddress {
  email: string;
  /** Where it came from: the identity; the session's username; what the person gave; nothing yet (ask). */
  source: 'identity' | 'username' | 'given' | 'ask';
}

export function fromAddress(identity: Identity, username: string, given: string | null): FromAddress {
  if (isAddress(identity.email)) return { email: identity.email, source: 'identity' };
  if (isAddress(username)) return { email: username, source: 'username' };
  if (isAddress(given)) return { email: given, source: 'given' };
  return { email: '', source: 'ask' };
}

/** What the composer says about a From the server gave no address for. */
export function fromWords(from: FromAddress, username: string): string | null {
  if (from.source === 'username')
    return `Your server lists this identity without an address, so mail goes out from your sign-in name, ${username}.`;
  if (from.source === 'given' || from.source === 'ask')
    return `Your server lists this identity without an address (it knows you as “${username}”). Type the address you send from; this device remembers it.`;
  return null;
}

/** The text of a signature block (RFC 3676 §4.3 separator). */
export const signatureBlock = (signature: string) => (signature.trim() ? `\n\n-- \n${signature.trim()}` : '');

/**
 * The body with a signature block: above the quote or forwarded message (a prefilled
 * reply starts with an empty line for the person's words), else at the end.
 */
export function withSignature(text: string, signature: string): string {
  const block = signatureBlock(signature);
  if (!block) return text;
  return text.startsWith('\n\n') ? `${block}${text}` : `${text}${block}`;
}

/** The body with the old signature block swapped for the new one; null when the person changed the block. */
export function swapSignature(text: string, before: string, after: string): string | null {
  const old = signatureBlock(before);
  if (!old) return withSignature(text, after);
  const at = text.indexOf(old);
  if (at < 0) return null;
  return `${text.slice(0, at)}${signatureBlock(after)}${text.slice(at + old.length)}`;
}
