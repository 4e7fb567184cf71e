/**
 * Begins the start path's read of the mirror (data/startRead.ts) while the rest of the
 * first download is still being evaluated: main.tsx imports this module first, so the
 * IndexedDB open and read run while React's modules initialise.
 */
import { beginStartRead } from './data/startRead.ts';

export const started: Promise<unknown> = beginStartRead().catch(() => undefined);
