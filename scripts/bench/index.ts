/**
 * `npm run bench [N]`: every benchmark, printed as one JSON document. Figures, not
 * assertions. Today: sync (node + fake-indexeddb against the in-process demo server).
 */
import { benchSync } from './sync.ts';

const messages = Number(process.argv[2] ?? 2000);
const sync = await benchSync({ messages });
console.log(JSON.stringify({ date: new Date().toISOString(), sync }, null, 2));
