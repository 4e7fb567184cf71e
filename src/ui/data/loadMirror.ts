import type * as MirrorModule from './mirror.ts';

export type Mirror = typeof MirrorModule;

let loading: Promise<Mirror> | null = null;

/** The mirror's live-read module (mirror.ts), loaded once, after the first rows. */
export const loadMirror = (): Promise<Mirror> => (loading ??= import('./mirror.ts'));
