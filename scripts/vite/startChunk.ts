/**
 * The start path as two chunks (see src/ui/startEarly.ts): the tiny EARLY chunk
 * (startEarly.ts and what it imports: the raw first read of the mirror) and the START
 * chunk (everything else index.html's entry imports statically). index.html lists each
 * chunk the entry imports as a module script of its own, before the entry's; module
 * scripts run in document order, each as soon as its own graph is in, so the early one
 * opens and reads the database while the start chunk still downloads, compiles and
 * evaluates (in one chunk, the read began only once all of it was evaluated).
 *
 * `inEarly` tells the chunking which modules are the early chunk's: startEarly.ts's
 * static graph, walked when the module graph is built, before chunking asks.
 */
import type { Plugin } from 'vite';

const EARLY = /\/src\/ui\/startEarly\.ts$/;

export function startChunk(): { plugin: Plugin; inEarly(id: string): boolean } {
  const early = new Set<string>();
  const plugin: Plugin = {
    name: 'start-chunk',
    apply: 'build',
    buildEnd() {
      early.clear();
      const queue = [...this.getModuleIds()].filter((id) => EARLY.test(id));
      while (queue.length) {
        const id = queue.pop()!;
        if (early.has(id)) continue;
        early.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, inEarly: (id) => early.has(id) };
}
