/**
 * What a message (or an attachment) that is not on this device says while the server
 * cannot be asked (pure): that it is not here, why (outside the offline choice's days, in
 * a folder not kept offline, never opened here) and what will happen (it downloads by
 * itself once the network or the server is back). Never "Loading…" with no end.
 */

/** Why the server cannot be asked: the browser is offline, or the server did not answer. */
export type Reach = 'offline' | 'unreachable';

export interface NotOnDeviceFacts {
  receivedMs: number;
  /** The folders the message is in. */
  mailboxIds: readonly string[];
  now: number;
  /** The offline choice: text of mail of the last N days (null: all mail) ... */
  windowDays: number | null;
  /** ... in every folder but these is downloaded for reading offline. */
  leftOut: readonly string[];
  reach: Reach;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a message's text is not on the device, as the end of "it is …" sentences. */
export function whyNotOnDevice(f: Omit<NotOnDeviceFacts, 'reach'>): string {
  const why: string[] = [];
  if (f.windowDays !== null && f.receivedMs < f.now - f.windowDays * DAY_MS)
    why.push(`older than your offline choice (the last ${f.windowDays} ${f.windowDays === 1 ? 'day' : 'days'})`);
  if (!f.mailboxIds.some((id) => !f.leftOut.includes(id))) why.push('in a folder not kept offline');
  if (!why.length) return 'was never opened on this device and has not been downloaded yet';
  return `is ${why.join(' and ')}, and was never opened on this device`;
}

/** What will happen, by itself, once the server can be asked again. */
export function whenBack(reach: Reach): string {
  return reach === 'offline'
    ? 'You are offline: it will download when you are back online.'
    : 'The mail server cannot be reached: it will download when it answers again.';
}

export function notOnDeviceWords(f: NotOnDeviceFacts): string {
  return `This message is not on this device: it ${whyNotOnDevice(f)}. ${whenBack(f.reach)}`;
}

export interface AttachmentFacts extends Omit<NotOnDeviceFacts, 'reach'> {
  /** The attachment's size as the server gave it. */
  size: number;
  /** The attachment choice: each up to this many bytes (null: any size) ... */
  maxBytes: number | null;
  /** ... of mail of the last N days (null: all mail). */
  attachmentDays: number | null;
}

const mbText = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * Why an attachment is not on this device, in the order a person can act on: larger than
 * the choice, older than its days (or the text's), in a folder not kept offline; else it
 * was never opened (and is not downloaded yet: the device may have run out of room).
 */
export function whyAttachmentNotOnDevice(f: AttachmentFacts): string {
  const why: string[] = [];
  if (f.maxBytes !== null && f.size > f.maxBytes) why.push(`larger than your offline choice of ${mbText(f.maxBytes)}`);
  const days = [f.attachmentDays, f.windowDays].filter((d): d is number => d !== null);
  const shortest = days.length ? Math.min(...days) : null;
  if (shortest !== null && f.receivedMs < f.now - shortest * DAY_MS) why.push(`older than ${shortest} ${shortest === 1 ? 'day' : 'days'}`);
  if (!f.mailboxIds.some((id) => !f.leftOut.includes(id))) why.push('in a folder not kept offline');
  if (!why.length) return 'it was never opened here and has not been downloaded yet';
  return `it is ${why.join(', ')}, and was never opened here`;
}

export function attachmentNotOnDeviceWords(name: string, f: AttachmentFacts & { reach: Reach }): string {
  return `“${name}” is not on this device: ${whyAttachmentNotOnDevice(f)}. ${whenBack(f.reach)}`;
}
