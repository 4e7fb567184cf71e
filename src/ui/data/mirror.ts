/**
 * What the start path's live reads need from the mirror, behind one `import()`
 * (loadMirror.ts): Dexie and its live queries, the page's connection, the reads of the
 * folders and of the list's pages, and the start read through Dexie when the raw first
 * read could not answer. The first rows come from that raw read (startEarly.ts), so none
 * of this is in the first download; it loads in the frame after them.
 */
export { liveQuery } from 'dexie';
export { mailDb } from './db.ts';
export { readMailboxes } from '../../outbox/reads.ts';
export { ThreadPages } from '../threads/threadPages.ts';
export { readStartThroughDexie } from './startReadDexie.ts';
