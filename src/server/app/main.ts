/**
 * Serve the built app in front of any JMAP server, on one origin:
 *   npx tsx src/server/app/main.ts --upstream https://jmap.example.com [--port 8788] [--static dist]
 */
import { parseArgs } from 'node:util';
import { startAppServer } from './server.ts';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
    static: { type: 'string', default: 'dist' },
  },
});
if (!values.upstream) {
  console.error('Say which JMAP server to use: --upstream https://mail.example.com');
  process.exit(2);
}
const app = await startAppServer({
  staticDir: values.static,
  upstream: values.upstream,
  port: Number(values.port),
  host: values.host,
});
console.log(`Mail is at ${app.origin}/ (JMAP server: ${values.upstream})`);
