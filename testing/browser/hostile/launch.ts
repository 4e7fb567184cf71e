import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.ts';

/**
 * Debian Chromium for the hostile-mail tests: ../chromium.ts's flags (no background
 * traffic to Google's hosts), plus a host resolver that sends `remote.test` to our
 * counting server and every other name nowhere, so an attempted load of any outside
 * host fails at once instead of waiting on DNS — and still shows up as a request.
 */
export async function launchHostileBrowser(remotePort: number): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP remote.test 127.0.0.1:${remotePort}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`],
  });
}
