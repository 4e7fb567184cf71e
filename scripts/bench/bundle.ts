/**
 * What a first visit downloads before the app can show anything: the scripts and styles
 * index.html loads (entry, modulepreloads, stylesheets) and the static imports they pull
 * in, gzipped; lazy chunks are listed apart. Reads dist/ (run `npx vite build` first), or
 * the folder given: `npx tsx scripts/bench/bundle.ts [dir]`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static `import ... from "./x.js"` (and bare side-effect imports) of a built chunk. */
function staticImports(DIST: string, file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    found.add(join('assets', m[1]!.slice(2)));
  }
  return [...found];
}

export function benchBundle(DIST = 'dist'): Record<string, unknown> {
  const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const initial = new Set<string>();
  const queue = [...refs];
  while (queue.length) {
    const file = queue.shift()!;
    if (initial.has(file)) continue;
    initial.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(DIST, file));
  }
  const all = readdirSync(join(DIST, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => join('assets', f));
  const size = (files: string[], ext: string) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gz(f), 0);
  const initialFiles = [...initial];
  const lazy = all.filter((f) => !initial.has(f));
  return {
    initialJsGzipBytes: size(initialFiles, '.js'),
    initialCssGzipBytes: size(initialFiles, '.css'),
    initialFiles: initialFiles.map((f) => ({ file: f, gzipBytes: gz(f) })),
    lazyJsGzipBytes: size(lazy, '.js'),
    lazyChunks: lazy.length,
    lazyFiles: lazy.map((f) => ({ file: f, gzipBytes: gz(f) })),
    serviceWorkerGzipBytes: existsSync(join(DIST, 'sw.js')) ? gz('sw.js') : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchBundle(process.argv[2]), null, 2));
}
