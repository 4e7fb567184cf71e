/**
 * The one polling wait of the tests: `probe` is asked every `everyMs` until it gives a
 * truthy value, which is returned; after `timeoutMs` the wait fails naming `what` (a
 * function is called then, so the message can say what was last seen).
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
