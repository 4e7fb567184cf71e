/** What stops a message from being sent, in words, before anything is queued. */
import { fieldRecipients, RECIPIENT_KINDS, type RecipientFields } from './recipients.ts';

export function recipientRefusal(fields: RecipientFields): string | null {
  const read = RECIPIENT_KINDS.map((kind) => fieldRecipients(fields[kind]));
  const bad = read.flatMap((r) => r.bad);
  if (bad.length === 1) return `Not sent: “${bad[0]}” is not a valid address. Correct it or remove it, then send again.`;
  if (bad.length)
    return `Not sent: ${bad.map((b) => `“${b}”`).join(', ')} are not valid addresses. Correct or remove them, then send again.`;
  if (!read.some((r) => r.list.length)) return 'Not sent: add at least one recipient (To, Cc or Bcc), then send again.';
  return null;
}
