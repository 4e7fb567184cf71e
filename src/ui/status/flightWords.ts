/**
 * "Ready for the flight" (pure): how much of the offline choice is on this device, as
 * "1,498 of 1,498 messages, 12 of 14 attachments, 4.3 MB", and whether it is all there.
 * The counts are the engine's last passes (progress.bodies and progress.attachments: what
 * the choice covers, what is on the device); the size is what message text and
 * attachments take, never more than the browser's whole when it is known (counted before
 * the browser compresses them, as in storageWords). Parts never exceed their whole: a
 * count on the device is at most the count chosen.
 */
import type { SyncProgress } from '../../sync/cache.ts';
import { bytesText } from './useStorage.ts';

export interface FlightFacts {
  progress: SyncProgress | undefined;
  /** The mirror's running totals (usage row). */
  bodyBytes: number;
  blobBytes: number;
  /** The browser's estimate of the whole origin, when known. */
  used?: number;
}

export interface FlightCounts {
  messages: { done: number; total: number };
  attachments: { done: number; total: number };
  bytes: number;
  /** Everything chosen is on the device (and no pass is still under way). */
  ready: boolean;
  /** A pass is downloading now. */
  running: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');
const within = (p: { done: number; total: number } | undefined) => {
  const total = Math.max(0, p?.total ?? 0);
  return { done: Math.min(total, Math.max(0, p?.done ?? 0)), total };
};

export function flightCounts(f: FlightFacts): FlightCounts {
  const messages = within(f.progress?.bodies);
  const attachments = within(f.progress?.attachments);
  const counted = Math.max(0, f.bodyBytes) + Math.max(0, f.blobBytes);
  const bytes = f.used === undefined ? counted : Math.min(counted, f.used);
  const running = f.progress?.bodies.state === 'running' || f.progress?.attachments?.state === 'running';
  const passed = f.progress?.bodies.state === 'done' && f.progress.attachments?.state === 'done';
  return {
    messages,
    attachments,
    bytes,
    running,
    ready: !!passed && messages.done === messages.total && attachments.done === attachments.total,
  };
}

export function flightWords(c: FlightCounts): string {
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  const line =
    `${count(c.messages.done)} of ${count(c.messages.total)} ${plural(c.messages.total, 'message', 'messages')}, ` +
    `${count(c.attachments.done)} of ${count(c.attachments.total)} ${plural(c.attachments.total, 'attachment', 'attachments')}, ` +
    `${bytesText(c.bytes)}`;
  if (c.ready) return `${line}: everything you chose is on this device.`;
  if (c.running) return `${line}: downloading the rest…`;
  return `${line}.`;
}

/** What storage running short took away, in words (progress.pressure); null when it never did. */
export function pressureWords(p: SyncProgress['pressure'], now: number): string | null {
  if (!p) return null;
  const parts = [
    p.outside ? `${count(p.outside)} ${p.outside === 1 ? 'item' : 'items'} outside your offline choice` : null,
    p.attachments ? `${count(p.attachments)} ${p.attachments === 1 ? 'attachment' : 'attachments'}` : null,
    p.bodies ? `${count(p.bodies)} message ${p.bodies === 1 ? 'text' : 'texts'}` : null,
  ].filter(Boolean);
  const when = now - p.at < 24 * 60 * 60 * 1000 ? 'Today' : 'Recently';
  if (!parts.length) return `${when} this device ran short of storage; nothing had to be removed.`;
  return (
    `${when} this device ran short of storage, so the oldest were removed: ${parts.join(', ')}. ` +
    'Your outbox, drafts and every message’s summary were kept; what was removed downloads again when there is room.'
  );
}
