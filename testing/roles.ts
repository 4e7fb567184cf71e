/** The one mailbox role lookup of the tests and benchmarks. */
import type { JmapClient } from '../src/jmap/index.ts';

/** Mailbox ids by role (`inbox`, `sent`, ...), for the mailboxes that have one. */
export async function roles(client: JmapClient): Promise<Record<string, string>> {
  const list = (await client.call('Mailbox/get', { ids: null })).list;
  return Object.fromEntries(list.filter((m) => m.role).map((m) => [m.role!, m.id]));
}
